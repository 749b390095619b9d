-- Alarms completed (who cleared, conditions that must last before they alarm), webhooks with a
-- transactional outbox, and the presets the ACS applies by itself.

alter table alarm add column cleared_by text;           -- null: the condition ended by itself

-- A condition seen but not yet an alarm: it must hold for a grace period first (a line that
-- re-registers within a minute, a signal that dips for one sample). Deleted when it goes away.
create table alarm_condition (
    device_id   bigint      not null references device (id) on delete cascade,
    kind        text        not null,
    since       timestamptz not null,
    detail      text        not null default '',
    primary key (device_id, kind)
);
create index alarm_condition_since on alarm_condition (since);

create table webhook_subscription (
    id          bigserial   primary key,
    url         text        not null,
    event_types text[]      not null,
    secret      text        not null,                   -- HMAC-SHA256 key; shown once at creation
    enabled     boolean     not null default true,
    description text        not null default '',
    created_at  timestamptz not null,
    created_by  text        not null
);

-- The outbox: written in the transaction of the change it reports, so an event exists exactly
-- when its change committed.
create table webhook_event (
    id          uuid        primary key,
    type        text        not null,
    payload     text        not null,                   -- the body as sent, byte for byte (signed)
    created_at  timestamptz not null
);
create index webhook_event_created on webhook_event (created_at);

-- One row per event and subscription: the delivery worker's queue and the delivery log.
create table webhook_delivery (
    id              bigserial   primary key,
    subscription_id bigint      not null references webhook_subscription (id) on delete cascade,
    event_id        uuid        not null references webhook_event (id) on delete cascade,
    status          text        not null,               -- PENDING, DELIVERED, FAILED (gave up)
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,               -- also the claim: a worker pushes it ahead
    last_attempt_at timestamptz,
    last_status     integer,                            -- HTTP status of the last attempt
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, id desc);

-- Presets the ACS applied by itself, so a boot does not queue them again for the same firmware.
create table preset_run (
    device_id        bigint      not null references device (id) on delete cascade,
    preset           text        not null,
    software_version text        not null default '',
    task_ids         bigint[]    not null,
    queued_at        timestamptz not null,
    primary key (device_id, preset)
);

-- REPEATED_FAULTS counts a device's recent failures; failed tasks are few, so this stays small.
create index task_failed_recent on task (device_id, completed_at) where status = 'FAILED';
