package io.cradle.acs.files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Config files for phones, from {@code ${cradle.data-dir}/prov/}, under the names a WP820 asks for
 * in turn: {@code cfg<mac>}, {@code cfg<mac>.xml}, {@code cfg<model>.xml}, {@code cfg.xml}. Names
 * are matched case-insensitively; the files are kept under the lower-case name. Open without admin
 * credentials, as phones fetch them.
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

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  @GET
  @Path("{name}")
  public Response file(
      @PathParam("name") String name, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
    String canonical = name.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(canonical).matches()) {
      return notFound();
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
