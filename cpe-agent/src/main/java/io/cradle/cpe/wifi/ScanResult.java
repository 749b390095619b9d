package io.cradle.cpe.wifi;

/** An access point as one scan (or one link sample) heard it: the AP and its RSSI in dBm. */
public record ScanResult(AccessPoint ap, double rssiDbm) {}
