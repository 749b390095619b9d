package io.cradle.acs.files;

import io.cradle.acs.templates.TemplateService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Config files for phones, from {@code ${cradle.data-dir}/prov/}, under the names a WP820 asks for
 * in turn: {@code cfg<mac>}, {@code cfg<mac>.xml}, {@code cfg<model>.xml}, {@code cfg.xml}. Names
 * are matched case-insensitively; the files are kept under the lower-case name. Open without admin
 * credentials, as phones fetch them.
 *
 * <p>A phone that config templates apply to gets its rendered template under both MAC names
 * (encrypted with its XML config password if it has one): the template wins over a file of that
 * name in {@code prov/}, which is only served when no template applies or the template cannot be
 * rendered (a variable without a value). Model and common files always come from {@code prov/}.
 */
@Path("/prov")
public class ProvisioningFiles {

  private static final Logger LOG = Logger.getLogger(ProvisioningFiles.class);

  /**
   * The only names served (lower-cased first): a 12-hex-digit MAC with or without {@code .xml}, or
   * a model or nothing before {@code .xml}. Anything else, traversal included, is a 404.
   */
  static final Pattern NAME =
      Pattern.compile("cfg(?:[0-9a-f]{12}|(?:[a-z0-9][a-z0-9-]{0,31})?\\.xml)");

  private static final Pattern MAC_NAME = Pattern.compile("cfg([0-9a-f]{12})(?:\\.xml)?");

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  @Inject TemplateService templates;

  @GET
  @Path("{name}")
  public Response file(
      @PathParam("name") String name, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent)
      throws SQLException {
    String canonical = name.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(canonical).matches()) {
      return notFound();
    }
    Matcher mac = MAC_NAME.matcher(canonical);
    if (mac.matches()) {
      Optional<byte[]> rendered = templates.fileFor(mac.group(1));
      if (rendered.isPresent()) {
        LOG.debugf("serving the rendered template as %s to %s", canonical, userAgent);
        return Response.ok(rendered.get(), MediaType.APPLICATION_XML_TYPE)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .build();
      }
    }
    java.nio.file.Path file = java.nio.file.Path.of(dataDir, "prov", canonical);
    if (!Files.isRegularFile(file)) {
      LOG.debugf("no %s for %s", canonical, userAgent);
      return notFound();
    }
    LOG.debugf("serving %s to %s", canonical, userAgent);
    MediaType type =
        canonical.endsWith(".xml")
            ? MediaType.APPLICATION_XML_TYPE
            : MediaType.APPLICATION_OCTET_STREAM_TYPE;
    // A config file carries account passwords: no proxy or browser cache may keep it.
    return Response.ok(file, type).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  private static Response notFound() {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("Not found.")
        .build();
  }
}
