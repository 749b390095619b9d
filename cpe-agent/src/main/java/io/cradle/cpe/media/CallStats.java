package io.cradle.cpe.media;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one call leg's media statistics, with the E-model estimate.
 *
 * @param codec the codec in use, or null before connect
 * @param ptime packetisation time in ms
 * @param packetsSent RTP packets sent
 * @param octetsSent RTP payload octets sent
 * @param packetsReceived RTP packets received
 * @param octetsReceived RTP payload octets received
 * @param packetsLost RFC 3550 cumulative loss (expected − received)
 * @param jitterMs RFC 3550 interarrival jitter of what we receive
 * @param farEndLossFraction the far end's last reported loss fraction (0-1), −1 if none yet
 * @param farEndJitterMs the far end's last reported jitter, −1 if none yet
 * @param roundTripMs the last RTCP round-trip time, −1 if none yet
 * @param jitterBufferMs the jitter buffer's current playout delay
 * @param late packets that came after their playout slot
 * @param lostAtPlayout playout slots without their packet
 * @param rtcpSent RTCP compound packets sent
 * @param rtcpReceived RTCP compound packets received
 */
public record CallStats(
    Codec codec,
    int ptime,
    long packetsSent,
    long octetsSent,
    long packetsReceived,
    long octetsReceived,
    long packetsLost,
    double jitterMs,
    double farEndLossFraction,
    double farEndJitterMs,
    double roundTripMs,
    double jitterBufferMs,
    long late,
    long lostAtPlayout,
    long rtcpSent,
    long rtcpReceived) {

  /** Receive loss in percent (lost and late over expected). */
  public double receiveLossPercent() {
    long expected = packetsReceived + Math.max(0, packetsLost);
    return expected == 0 ? 0 : 100.0 * (Math.max(0, packetsLost) + late) / expected;
  }

  /**
   * The one-way mouth-to-ear delay the E-model uses: half the round trip (0 if unknown), the jitter
   * buffer and one ptime of packetisation.
   */
  public double oneWayDelayMs() {
    return Math.max(0, roundTripMs) / 2 + jitterBufferMs + ptime;
  }

  /** The E-model R-factor (G.711, no loss concealment). */
  public double rFactor() {
    return EModel.rFactor(oneWayDelayMs(), receiveLossPercent(), false);
  }

  /** The MOS estimate from {@link #rFactor}. */
  public double mos() {
    return EModel.mos(rFactor());
  }

  /**
   * The values of TR-104 {@code VoiceProfile.{i}.Line.{j}.Stats.} (jitter and delay in
   * microseconds, loss rates in percent) plus {@code X_CRADLE_RFactor} and {@code X_CRADLE_MOS},
   * keyed by parameter name, for the data model to bind.
   */
  public Map<String, String> tr104() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("PacketsSent", Long.toString(packetsSent));
    m.put("PacketsReceived", Long.toString(packetsReceived));
    m.put("BytesSent", Long.toString(octetsSent));
    m.put("BytesReceived", Long.toString(octetsReceived));
    m.put("PacketsLost", Long.toString(Math.max(0, packetsLost)));
    m.put("ReceivePacketLossRate", Long.toString(Math.round(receiveLossPercent())));
    m.put(
        "FarEndPacketLossRate",
        Long.toString(farEndLossFraction < 0 ? 0 : Math.round(100 * farEndLossFraction)));
    m.put("ReceiveInterarrivalJitter", Long.toString(Math.round(jitterMs * 1000)));
    m.put(
        "FarEndInterarrivalJitter",
        Long.toString(farEndJitterMs < 0 ? 0 : Math.round(farEndJitterMs * 1000)));
    m.put("RoundTripDelay", Long.toString(roundTripMs < 0 ? 0 : Math.round(roundTripMs * 1000)));
    m.put("X_CRADLE_RFactor", String.format(java.util.Locale.ROOT, "%.1f", rFactor()));
    m.put("X_CRADLE_MOS", String.format(java.util.Locale.ROOT, "%.2f", mos()));
    return m;
  }
}
