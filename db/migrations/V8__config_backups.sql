-- Config backups: the configuration a phone uploaded (TR-069 Upload, "3 Vendor Configuration File")
-- to this ACS. Kept in the database, not on disk: a backup is a few kilobytes (capped by
-- cradle.backups.max-bytes), and a row and its bytes then commit or roll back together, on every node.
create table config_backup (
    id              bigserial   primary key,
    device_id       bigint      not null references device (id) on delete cascade,
    file_name       text        not null,                  -- the name the phone uploaded it as
    size            integer     not null,
    sha256          text        not null,                  -- lower-case hex
    content_type    text,
    content         bytea       not null,
    received_at     timestamptz not null
);

create index config_backup_device_idx on config_backup (device_id, received_at desc);
