package io.cradle.cwmp.message;

/** Empty acknowledgement of Reboot. */
public record RebootResponse() implements CpeResponse {}
