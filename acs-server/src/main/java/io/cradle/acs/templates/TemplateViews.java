package io.cradle.acs.templates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the templates API and pages show. Secret values (passwords) are masked in all of them. */
public final class TemplateViews {

  /** Shown instead of a password; sent back unchanged in an update, it keeps the stored value. */
  public static final String MASK = "********";

  private TemplateViews() {}

  public record TemplateView(
      long id,
      String name,
      String scope,
      String match,
      Map<String, String> pvalues,
      Instant updatedAt,
      String updatedBy) {}

  /** A template as sent to create or replace one. {@code match} is empty for {@code global}. */
  public record NewTemplate(String name, String scope, String match, Map<String, String> pvalues) {}

  /** One P-value that changes for a device; {@code oldValue} null when it was never given. */
  public record Change(String number, String name, String oldValue, String newValue) {}

  /**
   * One device a template applies to: what would change for it, or why it cannot be rendered.
   * {@code inInventory} false: imported, not yet informed (it gets the file at its first boot).
   */
  public record DevicePreview(
      String device, String mac, boolean inInventory, List<String> errors, List<Change> changes) {}

  /**
   * A template's effect on the fleet: devices it applies to, how many change, how many cannot be
   * rendered, and a page of the devices that change or fail with their diff (unchanged ones are
   * only counted); {@code next} is the cursor ({@code after=}) of the page after, null on the last.
   */
  public record Preview(
      long templateId,
      String template,
      int affected,
      int changing,
      int withErrors,
      int notYetSeen,
      List<DevicePreview> devices,
      String next) {}

  /** The Download tasks an apply created, and the devices it left out with the reason. */
  public record Applied(UUID batchId, int tasks, List<String> devices, List<Skipped> skipped) {}

  public record Skipped(String device, String reason) {}

  /** A mapped parameter whose reported value differs from what the templates say. */
  public record Drift(
      String number,
      String name,
      String parameter,
      String expected,
      String reported,
      Instant reportedAt) {}

  public record DeviceDrift(String device, String mac, List<Drift> drift) {}

  /**
   * One device's configuration: the templates that apply to it (least specific first), its rendered
   * values ({@code changes} lists every one, with what it was last given), the template each value
   * comes from, and where its reported values differ.
   */
  public record DeviceConfig(
      List<TemplateView> layers,
      DevicePreview rendered,
      Map<String, String> sources,
      List<Drift> drift) {}
}
