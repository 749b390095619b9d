package io.cradle.acs.api;

/** A tag to add to every device a selector matches. */
public record SelectionTag(Selector selector, String tag) {}
