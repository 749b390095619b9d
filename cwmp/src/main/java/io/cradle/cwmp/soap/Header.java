package io.cradle.cwmp.soap;

/**
 * The CWMP SOAP header fields. All are optional: real CPEs send envelopes without a header.
 *
 * @param id {@code cwmp:ID}, copied from request to response; null when absent
 * @param holdRequests ACS to CPE: the CPE must not send requests while true
 * @param sessionTimeout CPE to ACS (CWMP 1.3+), seconds; null when absent
 * @param supportedCwmpVersions CPE to ACS (CWMP 1.4), e.g. {@code 1.0,1.1,1.2,1.3,1.4}; null when
 *     absent
 * @param useCwmpVersion ACS to CPE (CWMP 1.4), the version chosen; null when absent
 */
public record Header(
    String id,
    boolean holdRequests,
    Long sessionTimeout,
    String supportedCwmpVersions,
    String useCwmpVersion) {

  public static final Header NONE = new Header(null, false, null, null, null);

  public static Header withId(String id) {
    return new Header(id, false, null, null, null);
  }
}
