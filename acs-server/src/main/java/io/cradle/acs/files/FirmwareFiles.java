package io.cradle.acs.files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Firmware images from {@code ${cradle.data-dir}/firmware/}, open to phones. Supports {@code Range}
 * (a phone on flaky Wi-Fi resumes a 100 MB image instead of starting over) and {@code ETag}/{@code
 * If-None-Match}.
 */
@Path("/firmware")
public class FirmwareFiles {

  /** A plain file name: no separators, so nothing outside the firmware directory. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final MediaType BINARY = MediaType.APPLICATION_OCTET_STREAM_TYPE;

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  @GET
  @Path("{name}")
  public Response image(
      @PathParam("name") String name,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    if (!NAME.matcher(name).matches()) {
      return notFound();
    }
    java.nio.file.Path file = java.nio.file.Path.of(dataDir, "firmware", name);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return notFound();
    }
    if (!attributes.isRegularFile()) {
      return notFound();
    }
    long size = attributes.size();
    // Size and modification time change whenever an image is replaced, and cost no read.
    String tag =
        Long.toHexString(size) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis());
    EntityTag etag = new EntityTag(tag);
    if (matchesAny(ifNoneMatch, tag)) {
      return Response.notModified(etag).header("Accept-Ranges", "bytes").build();
    }
    // If-Range: the client's partial copy is of another version, so it needs the whole file.
    boolean rangeApplies = ifRange == null || ifRange.strip().equals("\"" + tag + "\"");
    ByteRange.Request request = rangeApplies ? ByteRange.of(range, size) : new ByteRange.Whole();
    if (request instanceof ByteRange.Unsatisfiable) {
      return Response.status(416)
          .header("Content-Range", "bytes */" + size)
          .header("Accept-Ranges", "bytes")
          .tag(etag)
          .build();
    }
    if (request instanceof ByteRange.Part part) {
      ByteRange r = part.range();
      return Response.status(206)
          .entity(new PathPart(file, r.first(), r.length()))
          .type(BINARY)
          .header("Content-Range", r.contentRange(size))
          .header("Accept-Ranges", "bytes")
          .tag(etag)
          .build();
    }
    // A PathPart, not a Path: for a Path, Quarkus REST applies the Range header on its own,
    // ignoring If-Range.
    return Response.ok(new PathPart(file, 0, size), BINARY)
        .header("Accept-Ranges", "bytes")
        .tag(etag)
        .build();
  }

  /** If-None-Match: {@code *} or a list of tags, compared weakly as RFC 9110 asks. */
  private static boolean matchesAny(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::strip)
        .map(t -> t.startsWith("W/") ? t.substring(2) : t)
        .anyMatch(t -> t.equals("*") || t.equals("\"" + tag + "\""));
  }

  private static Response notFound() {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("Not found.")
        .build();
  }
}
