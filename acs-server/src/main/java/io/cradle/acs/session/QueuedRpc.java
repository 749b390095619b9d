package io.cradle.acs.session;

import io.cradle.cwmp.message.AcsRequest;

/** An RPC waiting to be sent in this session, and the task it belongs to. */
public record QueuedRpc(long taskId, AcsRequest<?> request) {}
