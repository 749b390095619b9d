package io.cradle.acs.api;

import java.time.Instant;
import java.util.List;

/**
 * Everything the ACS knows about one device: identity, status, reported parameters, and its recent
 * events and tasks. Credentials are never shown; {@code ownConnectionRequestCredential} says
 * whether the device has one of its own or uses the fleet's. {@code poorWifiDbm} is the device's
 * own POOR_WIFI threshold (null: the fleet's), {@code poorWifiDbmInEffect} the one that applies.
 */
public record DeviceDetail(
    String deviceKey,
    String oui,
    String productClass,
    String serialNumber,
    String manufacturer,
    String mac,
    String softwareVersion,
    String hardwareVersion,
    String provisioningCode,
    String ipAddress,
    String connectionRequestUrl,
    boolean ownConnectionRequestCredential,
    Instant lastConnectionRequestAt,
    String lastConnectionRequestOutcome,
    Integer periodicInformInterval,
    List<String> tags,
    Instant firstSeen,
    Instant lastInform,
    Instant lastBoot,
    String lastEvents,
    boolean online,
    Integer poorWifiDbm,
    int poorWifiDbmInEffect,
    List<ParameterView> parameters,
    List<EventView> recentEvents,
    List<TaskView> recentTasks) {}
