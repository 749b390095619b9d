package io.cradle.cwmp.message;

/** A CWMP request, typed by the response it expects. */
public sealed interface Request<R extends Response> extends CwmpMessage
    permits AcsRequest, CpeRequest {}
