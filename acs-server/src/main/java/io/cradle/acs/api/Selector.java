package io.cradle.acs.api;

/**
 * Which devices a batch is for: every given criterion must match. {@code query} is a serial number,
 * MAC or device key substring. An empty selector is refused unless {@code all} is true, so that a
 * forgotten field cannot reboot the fleet.
 */
public record Selector(
    String tag, String productClass, String softwareVersion, String query, Boolean all) {}
