package io.cradle.cwmp.soap;

import java.util.Optional;

/**
 * The CWMP namespaces a message may use. CWMP 1.3 and 1.4 officially reuse the 1-2 namespace, but
 * some CPEs send {@code cwmp-1-3}/{@code cwmp-1-4}; we accept them and answer in the CPE's own.
 */
public enum CwmpVersion {
  V1_0("urn:dslforum-org:cwmp-1-0"),
  V1_1("urn:dslforum-org:cwmp-1-1"),
  V1_2("urn:dslforum-org:cwmp-1-2"),
  V1_3("urn:dslforum-org:cwmp-1-3"),
  V1_4("urn:dslforum-org:cwmp-1-4");

  private final String namespace;

  CwmpVersion(String namespace) {
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  public static Optional<CwmpVersion> fromNamespace(String uri) {
    for (CwmpVersion v : values()) {
      if (v.namespace.equals(uri)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
