-- Cradle core schema: device inventory, reported parameters, inform history, task queue.

create table device (
    id                      bigserial primary key,
    device_key              text        not null unique,   -- OUI-ProductClass-SerialNumber
    oui                     text        not null,
    product_class           text        not null,
    serial_number           text        not null,
    manufacturer            text        not null,
    mac                     text,                          -- Grandstream: from Device.LAN.MACAddress, 12 upper-case hex
    software_version        text,
    hardware_version        text,
    provisioning_code       text,
    ip_address              text,
    connection_request_url  text,
    parameter_key           text,
    periodic_inform_interval integer,                      -- seconds, as last reported
    tags                    text[]      not null default '{}',
    cpe_username            text unique,                   -- per-device CWMP credential (null: fleet credential)
    cpe_password            text,
    cr_username             text,                          -- connection-request credential (null: fleet default)
    cr_password             text,
    last_cr_at              timestamptz,
    last_cr_outcome         text,
    first_seen              timestamptz not null,
    last_inform             timestamptz not null,
    last_boot               timestamptz,
    last_events             text        not null default '',
    session_id              text,                          -- lease: the session that owns the device now
    session_expires         timestamptz
) with (fillfactor = 80);
-- Every Inform rewrites last_inform and the lease, so no index may cover them: with free space in
-- the page (fillfactor) those updates stay HOT and touch no index at all.
create index device_mac_idx on device (mac);
create index device_sw_idx on device (software_version);
create index device_tags_idx on device using gin (tags);

create table device_parameter (
    device_id   bigint      not null references device (id) on delete cascade,
    name        text        not null,
    value       text,
    type        text        not null default 'string',
    writable    boolean,
    changed_at timestamptz not null,
    primary key (device_id, name)
);

create table device_event (
    id          bigserial   primary key,
    device_id   bigint      not null references device (id) on delete cascade,
    at          timestamptz not null,
    code        text        not null,
    command_key text        not null default ''
);
create index device_event_device_idx on device_event (device_id, at desc);

create table task (
    id              bigserial   primary key,
    device_id       bigint      not null references device (id) on delete cascade,
    batch_id        uuid,                                  -- tasks created together for a selection
    kind            text        not null,                  -- the RPC: GetParameterValues, Reboot, ...
    request         jsonb       not null,                  -- the RPC's arguments
    command_key     text        not null,                  -- CommandKey / ParameterKey sent with it
    status          text        not null,                  -- QUEUED, SENT, AWAITING_TRANSFER, DONE, FAILED, EXPIRED, CANCELLED
    attempts        integer     not null default 0,
    max_attempts    integer     not null default 5,
    not_before      timestamptz not null,
    expires_at      timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    session_id      text,
    completed_at    timestamptz,
    fault_code      integer,
    fault_string    text,
    result          jsonb
);
create index task_open_idx on task (device_id, id) where status in ('QUEUED', 'SENT', 'AWAITING_TRANSFER');
create index task_batch_idx on task (batch_id) where batch_id is not null;

create table app_setting (
    name        text        primary key,
    value       text        not null,
    updated_at  timestamptz not null
);
