package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page of the dashboard's menu, reached by clicking the menu in a real headless Chromium: it
 * loads, says where the admin is, marks its menu entry, and runs without a console error (a broken
 * inline script or a resource the server refuses shows there first: it caught the favicon's 401).
 * Keeps a screenshot of the pages no other browser test pictures.
 */
@QuarkusTest
class EveryPageBrowserTest {

  @TestHTTPResource("/")
  URI acs;

  /** Menu entry -> the page's heading, in the menu's order. */
  private static final Map<String, String> MENU =
      new java.util.LinkedHashMap<>(
          Map.of(
              "Overview", "Fleet overview",
              "Devices", "Devices",
              "Alarms", "Alarms",
              "Templates", "Config templates",
              "Firmware", "Firmware",
              "Rollouts", "Rollouts",
              "Webhooks", "Webhooks",
              "Users", "Users",
              "Audit log", "Audit log"));

  /** Pages whose screenshot a test of their own takes with something on them. */
  private static final Set<String> PICTURED_ELSEWHERE =
      Set.of("Overview", "Devices", "Alarms", "Rollouts");

  @Test
  void everyMenuPageLoadsWithoutConsoleErrors() {
    try (Browser browser = Browser.open(acs)) {
      browser.signIn("/ui", ADMIN, ADMIN_PASSWORD);
      List<String> entries =
          browser.findAll(By.cssSelector("nav a[href^='/ui']")).stream()
              .map(a -> a.getText().trim())
              .toList();
      assertTrue(entries.containsAll(MENU.keySet()), "the menu lists " + entries);
      for (String entry : entries) {
        String heading = MENU.get(entry);
        if (heading == null) {
          continue; // a page added later: its own test covers it
        }
        browser.find(By.linkText(entry)).click();
        browser.waitUntil(
            d -> heading.equals(browser.find(By.tagName("h1")).getText().trim()) ? true : null,
            "the " + entry + " page");
        assertEquals(
            entry,
            browser.find(By.cssSelector("nav a[aria-current='page']")).getText().trim(),
            "the menu marks the page shown");
        assertEquals(List.of(), browser.consoleErrors(), entry + " page console");
        if (!PICTURED_ELSEWHERE.contains(entry)) {
          browser.screenshot(entry.toLowerCase().replace(' ', '-') + ".png");
        }
      }
    }
  }
}
