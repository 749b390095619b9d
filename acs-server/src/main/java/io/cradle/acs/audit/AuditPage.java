package io.cradle.acs.audit;

import java.util.List;

/** A page of the audit log, newest first. */
public record AuditPage(List<AuditEventView> items, long total, int limit, int offset) {}
