package io.cradle.cwmp.message;

/** Empty acknowledgement of ScheduleInform. */
public record ScheduleInformResponse() implements CpeResponse {}
