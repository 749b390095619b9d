-- Firmware repository and rollouts.

-- One uploaded image; the file is data/firmware/<file_name>, served to phones at /firmware/<file_name>.
create table firmware_image (
    id              bigserial primary key,
    file_name       text        not null unique,
    model           text        not null,          -- from the image header, as DeviceInfo.ModelName / ProductClass
    version         text        not null,          -- a.b.c.d from the header
    notes           text        not null default '',
    size            bigint      not null,
    sha256          text        not null,          -- lowercase hex, checked against the header at upload
    uploaded_at     timestamptz not null,
    uploaded_by     text        not null,
    unique (model, version)
);

-- A campaign that upgrades a selection of devices to one image, wave by wave.
create table rollout (
    id                  bigserial primary key,
    name                text        not null,
    firmware_id         bigint      references firmware_image (id) on delete set null, -- null once a finished rollout's image is deleted
    firmware_label      text        not null,      -- model and version, kept when the image is gone
    download_base       text        not null,      -- URL the phones fetch /firmware/<file> under
    state               text        not null,      -- DRAFT, RUNNING, PAUSED, COMPLETED, ABORTED, ROLLING_BACK
    selector            jsonb       not null,      -- the target selection as given
    waves               integer[]   not null,      -- cumulative percentages, ending at 100
    window_start        time,                      -- maintenance window, UTC time of day; null: any time
    window_end          time,
    max_concurrent      integer     not null,      -- devices upgrading at once
    failure_threshold   double precision not null, -- failed / judged above this pauses the rollout
    gate_timeout_secs   integer     not null,      -- time a device has to come back healthy
    auto_rollback       boolean     not null,      -- roll the failed devices back when the gate trips
    state_reason        text        not null default '',
    after_rollback      text,                      -- the state a rollback returns to
    base_failed         integer     not null default 0,  -- failures already weighed by an operator (resume)
    base_judged         integer     not null default 0,
    created_at          timestamptz not null,
    created_by          text        not null,
    updated_at          timestamptz not null
);
create index rollout_active_idx on rollout (id) where state in ('RUNNING', 'ROLLING_BACK');

-- One target device of a rollout, in its wave, with its own progress.
create table rollout_device (
    rollout_id          bigint      not null references rollout (id) on delete cascade,
    device_id           bigint      not null references device (id) on delete cascade,
    wave                integer     not null,      -- 0-based index into rollout.waves
    step                text        not null,      -- PENDING, UPGRADING, PASSED, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED
    previous_version    text,                      -- what it ran when selected: the rollback target
    registered_lines    text[]      not null default '{}', -- Line.Status parameters that were Up before
    task_id             bigint,                    -- the Download of the step under way
    started_at          timestamptz,               -- of the step under way
    reason              text        not null default '',
    primary key (rollout_id, device_id)
);
create index rollout_device_device_idx on rollout_device (device_id);
