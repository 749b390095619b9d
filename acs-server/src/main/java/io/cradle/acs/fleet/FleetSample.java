package io.cradle.acs.fleet;

import java.time.Instant;

/** The fleet at one minute: devices online and offline, and how many informed in that minute. */
public record FleetSample(Instant at, int online, int offline, int sessions) {}
