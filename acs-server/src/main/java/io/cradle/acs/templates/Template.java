package io.cradle.acs.templates;

import java.time.Instant;
import java.util.Map;

/**
 * A set of P-values for one level: every device ({@code global}), one model ({@code match} = e.g.
 * {@code WP820}), one site, or one device ({@code match} = its MAC, 12 upper-case hex digits).
 * Values may hold variables, {@code ${account1.userId}}, resolved per device when rendered.
 */
public record Template(
    long id,
    String name,
    Scope scope,
    String match,
    Map<String, String> pvalues,
    Instant updatedAt,
    String updatedBy) {}
