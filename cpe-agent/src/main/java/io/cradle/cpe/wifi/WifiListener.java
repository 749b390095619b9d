package io.cradle.cpe.wifi;

import java.time.Duration;
import java.util.List;

/**
 * Told what the phone's Wi-Fi did, on the phone's scheduler. The phone uses it to (re-)register SIP
 * and reach the ACS after an association, to drop both when the link goes, and to count the media
 * gap of a roam in call statistics. Every method does nothing by default.
 */
public interface WifiListener {

  /** Joined {@code ap} from no association, with {@code ip} from that network's DHCP. */
  default void associated(AccessPoint ap, String ip) {}

  /**
   * Reassociated from {@code from} to {@code to}; media stopped for {@code gap}. {@code ip} is the
   * address on the new network (unchanged within one SSID).
   */
  default void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {}

  /**
   * The link to {@code last} was lost (out of coverage); nothing is reachable until reassociated.
   */
  default void lostCoverage(AccessPoint last) {}

  /** The link to {@code last} was dropped on purpose: Wi-Fi switched off or the network changed. */
  default void disconnected(AccessPoint last) {}

  /** {@code ap} refused the phone; it now shows as Disabled. */
  default void associationFailed(AccessPoint ap, AssociationFailure why) {}

  /** The signal fell below the Wi-Fi Signal Warning level. */
  default void signalWarning(double rssiDbm) {}

  /** A scan finished, hearing {@code heard} (every AP on the scanned bands and channels). */
  default void scanned(List<ScanResult> heard) {}

  /** Why an association failed. */
  enum AssociationFailure {
    /** The AP sent an association reject (admin guide: shown as Disabled). */
    REJECTED,
    /** The security mode does not match the AP's. */
    SECURITY_MISMATCH,
    /** Wrong key, or the 802.1x credentials were refused. */
    WRONG_CREDENTIALS
  }
}
