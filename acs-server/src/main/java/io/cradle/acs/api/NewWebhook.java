package io.cradle.acs.api;

import java.util.List;

/** A webhook subscription to create: where to POST, which event types, a note for people. */
public record NewWebhook(String url, List<String> eventTypes, String description) {}
