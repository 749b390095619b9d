package io.cradle.acs.api;

/** How many devices a selection-wide change touched. */
public record SelectionCount(int devices) {}
