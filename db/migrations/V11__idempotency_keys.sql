-- Idempotency keys of the task API: a client that retries a POST after a timeout (not knowing
-- whether it went through) sends the same Idempotency-Key header and gets the first answer again
-- instead of a second batch of reboots. Keys belong to the caller (user, or user via token) and
-- are kept for a day.
create table idempotency_key (
    actor        text        not null,
    key          text        not null,
    fingerprint  bytea       not null,   -- SHA-256 of the method, path and body the key was first used with
    status       int,                    -- the first answer; null only inside the transaction that makes it
    response     jsonb,
    created_at   timestamptz not null,
    primary key (actor, key)
);

create index idempotency_key_created on idempotency_key (created_at);
