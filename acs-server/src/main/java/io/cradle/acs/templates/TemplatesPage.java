package io.cradle.acs.templates;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.files.PhoneUrls;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.templates.TemplateViews.DeviceDrift;
import io.cradle.acs.templates.TemplateViews.NewTemplate;
import io.cradle.acs.templates.TemplateViews.Preview;
import io.cradle.acs.templates.TemplateViews.TemplateView;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /ui/templates}: the templates, fleet-wide drift and the CSV import; one template's page
 * edits it, previews its effect (devices that change, with the diff) and applies it.
 */
@Path("/ui/templates")
@Produces(MediaType.TEXT_HTML)
public class TemplatesPage {

  /** A template's values as edited: one {@code P47 = value} per line. */
  public record Form(String name, String scope, String match, String values) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<TemplateView> templates,
        List<DeviceDrift> drift,
        Form form,
        String error,
        DeviceProfiles.ImportReport imported,
        Me me);

    static native TemplateInstance edit(
        long id, Form form, Preview preview, String flash, String error, Me me);
  }

  @Inject TemplateService templates;
  @Inject DeviceProfiles profiles;
  @Inject CurrentUser currentUser;

  @ConfigProperty(name = "cradle.templates.base-url")
  Optional<String> baseUrl;

  @GET
  public TemplateInstance list() throws SQLException {
    return listPage(new Form("", "global", "", ""), null, null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("name") String name,
      @FormParam("scope") String scope,
      @FormParam("match") String match,
      @FormParam("values") String values)
      throws SQLException {
    Form form = new Form(name, scope, match, values);
    try {
      TemplateView created =
          templates.create(
              currentUser.actor(), new NewTemplate(name, scope, match, parseValues(values)));
      return Response.seeOther(URI.create("/ui/templates/" + created.id())).build();
    } catch (ApiException e) {
      return Response.status(e.status()).entity(listPage(form, e.getMessage(), null)).build();
    }
  }

  /** A CSV pasted into the page; all rows or none, as the API. */
  @POST
  @Path("import")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response importCsv(@FormParam("csv") String csv) throws SQLException {
    DeviceProfiles.ImportReport report = profiles.importCsv(currentUser.actor(), csv);
    return Response.status(report.errors().isEmpty() ? 200 : 400)
        .entity(listPage(new Form("", "global", "", ""), null, report))
        .build();
  }

  @GET
  @Path("{id}")
  public TemplateInstance edit(
      @PathParam("id") long id,
      @QueryParam("applied") Integer applied,
      @QueryParam("skipped") Integer skipped)
      throws SQLException {
    String flash =
        applied == null
            ? null
            : applied
                + " Download task(s) queued"
                + (skipped == null || skipped == 0 ? "" : "; " + skipped + " device(s) skipped");
    return editPage(id, form(templates.get(id)), flash, null);
  }

  @POST
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response save(
      @PathParam("id") long id,
      @FormParam("name") String name,
      @FormParam("scope") String scope,
      @FormParam("match") String match,
      @FormParam("values") String values)
      throws SQLException {
    Form form = new Form(name, scope, match, values);
    try {
      templates.update(
          currentUser.actor(), id, new NewTemplate(name, scope, match, parseValues(values)));
      return Response.seeOther(URI.create("/ui/templates/" + id)).build();
    } catch (ApiException e) {
      if (e.status() == 404) {
        throw e;
      }
      return Response.status(e.status()).entity(editPage(id, form, null, e.getMessage())).build();
    }
  }

  @POST
  @Path("{id}/apply")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response apply(
      @PathParam("id") long id, @FormParam("all") String all, @Context UriInfo uri)
      throws SQLException {
    TemplateService.ApplyOutcome outcome =
        templates.apply(currentUser.actor(), id, PhoneUrls.base(baseUrl, uri), all != null);
    return Response.seeOther(
            URI.create(
                "/ui/templates/"
                    + id
                    + "?applied="
                    + outcome.applied().tasks()
                    + "&skipped="
                    + outcome.applied().skipped().size()))
        .build();
  }

  @POST
  @Path("{id}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response delete(@PathParam("id") long id) throws SQLException {
    templates.delete(currentUser.actor(), id);
    return Response.seeOther(URI.create("/ui/templates")).build();
  }

  private TemplateInstance listPage(Form form, String error, DeviceProfiles.ImportReport imported)
      throws SQLException {
    return Templates.list(
        templates.list(),
        templates.drift(null, null, TemplateService.DEFAULT_LIMIT),
        form,
        error,
        imported,
        Me.of(currentUser));
  }

  private TemplateInstance editPage(long id, Form form, String flash, String error)
      throws SQLException {
    return Templates.edit(
        id,
        form,
        templates.preview(id, null, TemplateService.DEFAULT_LIMIT),
        flash,
        error,
        Me.of(currentUser));
  }

  private static Form form(TemplateView t) {
    StringBuilder values = new StringBuilder();
    t.pvalues().forEach((k, v) -> values.append(k).append(" = ").append(v).append('\n'));
    return new Form(t.name(), t.scope(), t.match(), values.toString());
  }

  /** {@code P47 = sip.example.com} per line; blank lines and {@code #} comments are skipped. */
  static Map<String, String> parseValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        errors.add("line " + (i + 1) + ": expected 'P-number = value', got '" + line + "'");
        continue;
      }
      String number = line.substring(0, eq).strip();
      if (values.containsKey(number)) {
        errors.add("line " + (i + 1) + ": " + number + " is set twice");
      }
      values.put(number, line.substring(eq + 1).strip());
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", errors));
    }
    return values;
  }
}
