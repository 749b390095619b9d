package io.cradle.acs.api;

import java.util.List;

/** A device's tags, which batch selectors match on. */
public record Tags(List<String> tags) {}
