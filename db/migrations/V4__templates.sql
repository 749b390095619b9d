-- Config templates (Grandstream P-values with inheritance global < model < site < device), the
-- per-device provisioning profile (CSV import: variables, site, tags, before the phone first boots),
-- what each device was last given, and the SIP account pool.

create table config_template (
    id          bigserial primary key,
    name        text        not null unique,
    scope       text        not null check (scope in ('global', 'model', 'site', 'device')),
    scope_value text        not null default '',   -- model (upper case), site, or MAC (12 upper hex); '' for global
    pvalues     jsonb       not null default '{}', -- {"P47": "sip.example.com", "P35": "<variable account1.userId>"}; no dollar-brace here: Flyway would expand it
    updated_at  timestamptz not null,
    updated_by  text        not null,
    unique (scope, scope_value)                    -- one template per level and match: inheritance stays a chain
);

-- Keyed by MAC because that is what is printed on the box and what the phone's cfg<mac>.xml is
-- named by; linked to the inventory's device at its first Inform (by MAC or serial number).
create table device_profile (
    mac             text        primary key,       -- 12 upper-case hex digits
    serial_number   text        unique,
    name            text        not null default '',
    site            text        not null default '',
    model           text        not null default '', -- for the model template before the phone first informs
    tags            text[]      not null default '{}',
    variables       jsonb       not null default '{}',
    config_password text,                          -- the phone's P1359: rendered files are encrypted with it
    device_id       bigint      references device (id) on delete set null,
    updated_at      timestamptz not null
);
create index device_profile_device_idx on device_profile (device_id);
-- Every Inform looks for a profile waiting for its device: these stay as small as that backlog.
create index device_profile_unlinked_mac_idx on device_profile (mac) where device_id is null;
create index device_profile_unlinked_serial_idx on device_profile (serial_number) where device_id is null;
create index device_profile_site_idx on device_profile (site);

-- What a device was last given (by an apply, or served at /prov): the "old" side of a preview.
create table device_config (
    mac         text        primary key,
    pvalues     jsonb       not null,
    given_at    timestamptz not null,
    given_by    text        not null              -- 'apply' or 'served'
);

create table sip_account (
    id            bigserial primary key,
    server        text      not null,
    user_id       text      not null,
    auth_id       text      not null default '',
    password      text      not null default '',
    display_name  text      not null default '',
    mac           text,                           -- assigned to this device's line
    line          smallint  check (line in (1, 2)),
    check ((mac is null) = (line is null)),
    unique (server, user_id),
    unique (mac, line)
);
