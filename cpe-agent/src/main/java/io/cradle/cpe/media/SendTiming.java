package io.cradle.cpe.media;

/**
 * How punctually the engine's pacer sent packets: the deviation of each send from its ideal
 * schedule (start + n·ptime), in microseconds.
 *
 * @param sends packets measured
 * @param p50Micros median absolute deviation
 * @param p99Micros 99th percentile
 * @param maxMicros worst
 * @param resynced times a stream fell more than 5 ptimes behind and was put back on schedule
 * @param pacerBusyPercent share of wall time the pacer thread spent working (sending, playout,
 *     RTCP) rather than waiting: how far the engine is from its own limit, whatever the machine
 */
public record SendTiming(
    long sends,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    long resynced,
    double pacerBusyPercent) {}
