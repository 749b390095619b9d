-- Dashboard: the fleet's counts over time, and the indexes the device list needs at 100,000 devices.

-- One row a minute (FleetSampler): how many devices were online and how many informed in the minute.
create table fleet_sample (
    at          timestamptz primary key,
    online      integer     not null,
    offline     integer     not null,
    sessions    integer     not null                   -- devices whose last Inform fell in the minute before `at`
);

-- Keyset paging of the device list by each sort order it offers; the device key breaks ties.
-- None covers last_inform or the lease, so Informs stay HOT updates (see V1).
create index device_serial_key_idx on device (serial_number, device_key);
create index device_software_key_idx on device ((coalesce(software_version, '')), device_key);
create index device_model_key_idx on device (product_class, device_key);

-- The search box matches a substring of the serial number, device key or MAC: trigram indexes
-- answer that without reading every device (pg_trgm is a trusted extension shipped with PostgreSQL).
create extension if not exists pg_trgm;
create index device_serial_trgm_idx on device using gin (serial_number gin_trgm_ops);
create index device_key_trgm_idx on device using gin (device_key gin_trgm_ops);
create index device_mac_trgm_idx on device using gin (mac gin_trgm_ops);

-- The overview's battery histogram and the device list's alarm filter read only these rows.
create index device_parameter_battery_idx on device_parameter (device_id) include (value)
    where name = 'Device.X_GRANDSTREAM_Battery.Level';
create index alarm_open_device_idx on alarm (device_id) where cleared_at is null;
