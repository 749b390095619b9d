package io.cradle.acs.templates;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cradle.acs.api.ApiException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /ui/templates: create, edit with a mistake, preview, and the pasted CSV import. */
@QuarkusTest
class TemplatesPageTest {

  @Test
  void aTemplateIsCreatedFromTheFormAndItsPageShowsThePreview() {
    String site = "page-" + UUID.randomUUID();
    String location =
        asAdmin()
            .redirects()
            .follow(false)
            .formParam("name", "page " + site)
            .formParam("scope", "site")
            .formParam("match", site)
            .formParam("values", "# account\nP47 = sip.page.example\n\nP3 = ${device.name}\n")
            .post("/ui/templates")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");

    asAdmin()
        .get(location)
        .then()
        .statusCode(200)
        .body(containsString("Template page " + site))
        .body(containsString("P47 = sip.page.example"))
        .body(containsString("Applies to 0 device(s)"))
        .body(containsString("Apply (TR-069 Download)"));
    asAdmin().get("/ui/templates").then().statusCode(200).body(containsString("page " + site));

    asAdmin()
        .formParam("name", "page " + site)
        .formParam("scope", "site")
        .formParam("match", site)
        .formParam("values", "P47 = sip.page.example\nP31 maybe")
        .post(location)
        .then()
        .statusCode(400)
        .body(containsString("line 2: expected &#39;P-number = value&#39;"))
        .body(containsString("P31 maybe"));
  }

  @Test
  void aPastedCsvWithABadRowImportsNothingAndSaysWhy() {
    asAdmin()
        .formParam("csv", "mac,name\n000B82FFFF01,ok\nnot-a-mac,bad\n")
        .post("/ui/templates/import")
        .then()
        .statusCode(400)
        .body(containsString("Nothing was imported"))
        .body(containsString("line 3 (not-a-mac)"));
    asAdmin()
        .queryParam("mac", "00:0b:82:ff:ff:01")
        .get("/api/v1/device-profiles")
        .then()
        .body("size()", is(0));
  }

  @Test
  void valuesAreReadOnePerLine() {
    assertEquals(
        Map.of("P47", "a = b", "P35", ""),
        TemplatesPage.parseValues("P47 = a = b\r\n  # comment\nP35 =\n"));
    ApiException twice =
        assertThrows(ApiException.class, () -> TemplatesPage.parseValues("P47=a\nP47=b"));
    assertEquals("line 2: P47 is set twice", twice.getMessage());
  }
}
