package io.cradle.acs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refused requests into JSON errors; a caller never sees a stack trace. */
public class ApiErrors {

  @ServerExceptionMapper
  public Response refused(ApiException e) {
    return error(e.status(), e.getMessage());
  }

  /** Valid JSON of the wrong shape, e.g. a string where a number or a timestamp belongs. */
  @ServerExceptionMapper
  public Response misshapen(MismatchedInputException e) {
    String field = e.getPath().isEmpty() ? "" : " in field '" + path(e) + "'";
    return error(400, "The body does not fit this request" + field + ": " + e.getOriginalMessage());
  }

  /**
   * Quarkus REST wraps unreadable JSON in a bare 400; this adds what was wrong. Every other
   * WebApplicationException keeps the response it carries.
   */
  @ServerExceptionMapper
  public Response unreadable(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return error(400, "The body is not valid JSON: " + json.getOriginalMessage());
    }
    return e.getResponse();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(message))
        .build();
  }
}
