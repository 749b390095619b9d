package io.cradle.acs.templates;

/**
 * A SIP account of the pool. Assigned to a device's line ({@code mac} and {@code line} 1 or 2) it
 * feeds that device's {@code account<line>.*} variables: server, userId, authId, password,
 * displayName.
 */
public record SipAccount(
    long id,
    String server,
    String userId,
    String authId,
    String password,
    String displayName,
    String mac,
    Integer line) {}
