package io.cradle.acs.files;

import io.cradle.acs.api.ApiException;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** Where phones reach this ACS, for the URLs put in their Download and Upload tasks. */
public final class PhoneUrls {

  private PhoneUrls() {}

  /**
   * The configured base (one of {@code cradle.*.base-url}) or, unset, the address the caller used,
   * ending in '/'.
   */
  public static String base(Optional<String> configured, UriInfo uri) {
    String base = configured.filter(b -> !b.isBlank()).orElse(uri.getBaseUri().toString());
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw ApiException.badRequest("phones need an http(s) URL of the ACS, not " + base);
    }
    return base.endsWith("/") ? base : base + "/";
  }
}
