package io.cradle.acs.rollouts;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.api.Selector;
import io.cradle.acs.files.PhoneUrls;
import io.cradle.acs.firmware.FirmwareConfig;
import io.cradle.acs.firmware.FirmwareRepository;
import io.cradle.acs.firmware.FirmwareView;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.ui.Me;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /ui/rollouts}: the list with a create form, and a rollout's page with its live progress
 * (refreshed every few seconds while it is active) and its action buttons.
 */
@Path("/ui/rollouts")
public class RolloutsPage {

  private static final Set<RolloutState> LIVE =
      Set.of(RolloutState.RUNNING, RolloutState.PAUSED, RolloutState.ROLLING_BACK);

  /** The create form's fields as typed, so a refused form comes back filled in. */
  public record Form(
      String name,
      String firmwareId,
      String tag,
      String productClass,
      String softwareVersion,
      String query,
      String waves,
      String windowStart,
      String windowEnd,
      String maxConcurrent,
      String failurePercent,
      String gateTimeoutSeconds,
      boolean autoRollback) {

    public boolean selects(long imageId) {
      return firmwareId.equals(String.valueOf(imageId));
    }

    static Form empty() {
      return new Form("", "", "", "", "", "", "1,10,50,100", "", "", "50", "10", "1800", true);
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance rollouts(
        List<RolloutView> rollouts, List<FirmwareView> images, Form form, String error, Me me);

    static native TemplateInstance rollout(RolloutView rollout, boolean live, String error, Me me);
  }

  @Inject Rollouts rollouts;
  @Inject RolloutJob job;
  @Inject FirmwareRepository firmware;
  @Inject CurrentUser currentUser;

  @Inject FirmwareConfig firmwareConfig;

  @Context UriInfo uri;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() {
    return listPage(Form.empty(), null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response create(
      @FormParam("name") String name,
      @FormParam("firmwareId") String firmwareId,
      @FormParam("tag") String tag,
      @FormParam("productClass") String productClass,
      @FormParam("softwareVersion") String softwareVersion,
      @FormParam("query") String query,
      @FormParam("waves") String waves,
      @FormParam("windowStart") String windowStart,
      @FormParam("windowEnd") String windowEnd,
      @FormParam("maxConcurrent") String maxConcurrent,
      @FormParam("failurePercent") String failurePercent,
      @FormParam("gateTimeoutSeconds") String gateTimeoutSeconds,
      @FormParam("autoRollback") String autoRollback) {
    Form form =
        new Form(
            text(name),
            text(firmwareId),
            text(tag),
            text(productClass),
            text(softwareVersion),
            text(query),
            text(waves),
            text(windowStart),
            text(windowEnd),
            text(maxConcurrent),
            text(failurePercent),
            text(gateTimeoutSeconds),
            autoRollback != null);
    try {
      RolloutView created =
          rollouts.create(
              currentUser.actor(),
              request(form),
              PhoneUrls.base(firmwareConfig.downloadBase(), uri));
      return Response.seeOther(URI.create("/ui/rollouts/" + created.id())).build();
    } catch (ApiException e) {
      return Response.status(e.status()).entity(listPage(form, e.getMessage())).build();
    }
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance detail(@PathParam("id") long id) {
    RolloutView r = rollouts.get(id);
    return Templates.rollout(r, LIVE.contains(r.state()), null, Me.of(currentUser));
  }

  /** start, pause, resume, abort or rollback from the rollout's page. */
  @POST
  @Path("{id}/{action}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response act(@PathParam("id") long id, @PathParam("action") String action) {
    String actor = currentUser.actor();
    try {
      switch (action) {
        case "start" -> rollouts.start(actor, id);
        case "pause" -> rollouts.pause(actor, id);
        case "resume" -> rollouts.resume(actor, id);
        case "abort" -> rollouts.abort(actor, id);
        case "rollback" -> rollouts.rollback(actor, id);
        default -> throw ApiException.notFound("no rollout action " + action);
      }
    } catch (ApiException e) {
      RolloutView r = rollouts.get(id);
      return Response.status(e.status())
          .entity(
              Templates.rollout(r, LIVE.contains(r.state()), e.getMessage(), Me.of(currentUser)))
          .build();
    }
    job.step(id);
    return Response.seeOther(URI.create("/ui/rollouts/" + id)).build();
  }

  private TemplateInstance listPage(Form form, String error) {
    return Templates.rollouts(rollouts.list(), firmware.list(), form, error, Me.of(currentUser));
  }

  /** The form as the API's request; numbers that do not read are refused with the field's name. */
  private static NewRollout request(Form f) {
    List<Integer> waves = new ArrayList<>();
    for (String part : f.waves().split("[,\\s]+")) {
      if (!part.isEmpty()) {
        waves.add(number("waves", part));
      }
    }
    Integer percent = f.failurePercent().isEmpty() ? null : number("failure %", f.failurePercent());
    return new NewRollout(
        f.name(),
        f.firmwareId().isEmpty() ? null : (long) number("firmware", f.firmwareId()),
        new Selector(
            blankToNull(f.tag()),
            blankToNull(f.productClass()),
            blankToNull(f.softwareVersion()),
            blankToNull(f.query()),
            null,
            null,
            null,
            false),
        waves,
        f.windowStart(),
        f.windowEnd(),
        f.maxConcurrent().isEmpty() ? null : number("max concurrent", f.maxConcurrent()),
        percent == null ? null : percent / 100.0,
        f.gateTimeoutSeconds().isEmpty() ? null : number("gate timeout", f.gateTimeoutSeconds()),
        f.autoRollback(),
        false);
  }

  private static int number(String field, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(field + " must be a whole number, was '" + text + "'");
    }
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
