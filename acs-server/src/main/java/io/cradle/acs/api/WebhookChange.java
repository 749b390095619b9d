package io.cradle.acs.api;

import java.util.List;

/** A change to a webhook subscription; absent fields stay as they are. */
public record WebhookChange(String url, List<String> eventTypes, Boolean enabled) {}
