-- Alarms raised from what the phones report (SAFE/Panic, low battery) and from their silence
-- (offline). One open alarm per device and kind; a cleared alarm stays as history.
create table alarm (
    id              bigserial primary key,
    device_id       bigint not null references device(id) on delete cascade,
    kind            text not null,                 -- SAFE_ALARM, LOW_BATTERY, OFFLINE
    severity        text not null,                 -- critical, major, minor
    raised_at       timestamptz not null,
    detail          text not null default '',
    cleared_at      timestamptz,                   -- the condition ended
    acknowledged_at timestamptz,
    acknowledged_by text
);

create unique index alarm_open_per_kind on alarm (device_id, kind) where cleared_at is null;
create index alarm_recent on alarm (raised_at desc);
