package io.cradle.cwmp.message;

/** A successful answer to a {@link Request}. */
public sealed interface Response extends CwmpMessage permits AcsResponse, CpeResponse {}
