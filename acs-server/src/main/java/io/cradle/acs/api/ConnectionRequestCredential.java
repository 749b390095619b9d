package io.cradle.acs.api;

/**
 * The credential the ACS answers a device's Connection Request challenge with; a null username
 * returns the device to the fleet-wide one.
 */
public record ConnectionRequestCredential(String username, String password) {}
