-- Cradle users, dashboard sessions, API tokens and the append-only audit log.

create table app_user (
    id              bigserial   primary key,
    username        text        not null unique,
    password_hash   text        not null,                  -- bcrypt ($2a$12$...) or, for an admin from before V2, pbkdf2-sha256$...
    role            text        not null check (role in ('admin', 'operator', 'viewer')),
    created_at      timestamptz not null,
    disabled        boolean     not null default false
);

-- The admin password hash a V1 ACS kept in app_setting becomes the admin user at the next start
-- (AdminAccount), so it is not moved here: the admin's user name is configuration.

create table user_session (
    id              text        primary key,               -- SHA-256 (hex) of the 256-bit cookie value; the value itself is never stored
    user_id         bigint      not null references app_user (id) on delete cascade,
    csrf_token      text        not null,
    created_at      timestamptz not null,
    last_seen       timestamptz not null,
    expires_at      timestamptz not null                   -- absolute end (created_at + max age); idle end is last_seen + idle timeout
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

create table api_token (
    id              bigserial   primary key,
    user_id         bigint      not null references app_user (id) on delete cascade,
    name            text        not null,
    token_hash      text        not null unique,           -- SHA-256 (hex) of the secret; the secret is shown once
    scope           text        not null check (scope in ('read', 'write')),
    created_at      timestamptz not null,
    last_used       timestamptz,
    revoked_at      timestamptz
);
create index api_token_user_idx on api_token (user_id);

create table audit_event (
    id              bigserial   primary key,
    at              timestamptz not null,
    actor           text        not null,                  -- user name, or 'user via token name'; 'system' for the ACS itself
    action          text        not null,                  -- e.g. task.create, device.tags, user.create, login.failure
    target_type     text,                                  -- device, task, batch, user, token
    target_ids      text[]      not null default '{}',     -- keys / ids of the targets, as text
    device_ids      bigint[]    not null default '{}',     -- every device the action touched
    before          jsonb,
    after           jsonb,
    detail          text
);
create index audit_event_at_idx on audit_event (at desc);
create index audit_event_devices_idx on audit_event using gin (device_ids);
create index audit_event_actor_idx on audit_event (actor, id desc);

-- Immutable: rows are only ever inserted.
create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_refuse_change();
