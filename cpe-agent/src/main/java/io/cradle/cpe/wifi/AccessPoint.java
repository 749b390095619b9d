package io.cradle.cpe.wifi;

import java.util.Objects;

/**
 * One access point of the radio environment.
 *
 * @param bssid the AP's MAC, e.g. {@code 00:0B:86:00:00:01}; identifies the AP
 * @param txPowerDbm transmit power (EIRP) in dBm; enterprise APs run 14-20
 * @param load share of the AP's airtime already in use, 0..1; it scales the data rate a phone gets
 * @param security the AP's mode; the phone's configured mode must match it
 * @param secret what the AP accepts: the WEP/WPA key, or for {@link Security#WPA_ENTERPRISE} the
 *     one account the RADIUS server knows, as {@code identity:password}; ignored when open
 * @param rejectsAssociation the AP answers association requests with a reject (blacklist, band
 *     steering, load balancing or its client limit — the admin guide's reasons); the phone then
 *     shows it as Disabled
 */
public record AccessPoint(
    String ssid,
    String bssid,
    Band band,
    int channel,
    Position position,
    double txPowerDbm,
    double load,
    Security security,
    String secret,
    boolean rejectsAssociation) {

  public AccessPoint {
    Objects.requireNonNull(ssid, "ssid");
    Objects.requireNonNull(bssid, "bssid");
    Objects.requireNonNull(band, "band");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(security, "security");
    secret = secret == null ? "" : secret;
    if (!band.hasChannel(channel)) {
      throw new IllegalArgumentException(
          bssid + ": channel " + channel + " is not in the " + band.cwmpName() + " band");
    }
    if (!(load >= 0 && load <= 1)) {
      throw new IllegalArgumentException(bssid + ": load must be within 0..1, not " + load);
    }
  }

  /** An open AP at 17 dBm, idle, accepting everyone. */
  public static AccessPoint open(
      String ssid, String bssid, Band band, int channel, Position position) {
    return new AccessPoint(ssid, bssid, band, channel, position, 17, 0, Security.OPEN, "", false);
  }

  public AccessPoint withSecurity(Security mode, String key) {
    return new AccessPoint(
        ssid, bssid, band, channel, position, txPowerDbm, load, mode, key, rejectsAssociation);
  }

  public AccessPoint withTxPower(double dbm) {
    return new AccessPoint(
        ssid, bssid, band, channel, position, dbm, load, security, secret, rejectsAssociation);
  }

  public AccessPoint withLoad(double share) {
    return new AccessPoint(
        ssid,
        bssid,
        band,
        channel,
        position,
        txPowerDbm,
        share,
        security,
        secret,
        rejectsAssociation);
  }

  public AccessPoint rejecting() {
    return new AccessPoint(
        ssid, bssid, band, channel, position, txPowerDbm, load, security, secret, true);
  }

  /** Centre frequency of the AP's channel in MHz. */
  public int frequencyMhz() {
    return band.frequencyMhz(channel);
  }
}
