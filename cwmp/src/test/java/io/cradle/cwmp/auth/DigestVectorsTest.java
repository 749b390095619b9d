package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Published examples and captured headers that our digest code must reproduce or read. */
class DigestVectorsTest {

  private static String expectedResponse(DigestResponse r, String method, String password) {
    return DigestHash.response(
        DigestHash.ha1(r.username(), r.realm(), password),
        method,
        r.uri(),
        r.nonce(),
        r.qop(),
        r.nc(),
        r.cnonce());
  }

  @Test
  void rfc7616Md5Example() {
    DigestResponse r =
        DigestResponse.parse(
                """
                Digest username="Mufasa",
                    realm="http-auth@example.org",
                    uri="/dir/index.html",
                    algorithm=MD5,
                    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                    nc=00000001,
                    cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
                    qop=auth,
                    response="8ca523f5e9506fed4657c9700eebdbec",
                    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
                """)
            .orElseThrow();
    assertEquals("8ca523f5e9506fed4657c9700eebdbec", r.response());
    assertEquals(r.response(), expectedResponse(r, "GET", "Circle of Life"));
  }

  @Test
  void rfc2617Example() {
    DigestResponse r =
        DigestResponse.parse(
                """
                Digest username="Mufasa",
                     realm="testrealm@host.com",
                     nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                     uri="/dir/index.html",
                     qop=auth,
                     nc=00000001,
                     cnonce="0a4f113b",
                     response="6629fae49393a05397450978507c4ef1",
                     opaque="5ccc069c403ebaf9f0171e9517f40e41"
                """)
            .orElseThrow();
    assertEquals("6629fae49393a05397450978507c4ef1", r.response());
    assertEquals(r.response(), expectedResponse(r, "GET", "Circle Of Life"));
  }

  /** The header of V:inform-mikrotik-haplite-diag-complete-noheader.http; values are masked. */
  @Test
  void readsMikrotikHeader() {
    DigestResponse r =
        DigestResponse.parse(
                "Digest username=\"qacafe\", realm=\"qacafe\", uri=\"/\", algorithm=MD5,"
                    + " nonce=\"XXXXXXXXXXXXXXXX\", nc=00000001,"
                    + " cnonce=\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\", qop=auth,"
                    + " response=\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\", opaque=\"\"")
            .orElseThrow();
    assertEquals(
        new DigestResponse(
            "qacafe",
            "qacafe",
            "XXXXXXXXXXXXXXXX",
            "/",
            "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "MD5",
            "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "00000001",
            "auth",
            ""),
        r);
  }

  /** Broadcom TR-069 clients quote every value, including algorithm and qop. */
  @Test
  void readsFullyQuotedHeader() {
    DigestResponse r =
        DigestResponse.parse(
                "Digest username=\"admin\", realm=\"GenieACS\", algorithm=\"MD5\", qop=\"auth\","
                    + " uri=\"/\", nonce=\"a46261bb\", cnonce=\"NzM5MzMyAA==\", nc=00000001,"
                    + " response=\"82f0d2e4b36d6a011993459b47614daf\"")
            .orElseThrow();
    assertEquals("MD5", r.algorithm());
    assertEquals("auth", r.qop());
    assertEquals("NzM5MzMyAA==", r.cnonce());
    assertNull(r.opaque());
  }
}
