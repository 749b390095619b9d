package io.cradle.acs.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document ({@code /q/openapi}) with what every {@code /api/v1} operation
 * shares, so no resource repeats it: the three ways to authenticate ({@code AccessFilter}), and the
 * JSON error body ({@link ApiError}) of the refusals any of them can meet — 401 and 403 always, 400
 * where the caller sends something, 404 where the path names something, 413 for a body over 4 MB.
 * Registered by {@code mp.openapi.filter}.
 */
public class ApiDocument implements OASFilter {

  private static final String API = "/api/v1/";
  private static final String TOKEN = "apiToken";
  private static final String PASSWORD = "password";
  private static final String SESSION = "session";
  private static final String ERROR = "ApiError";

  @Override
  public void filterOpenAPI(OpenAPI api) {
    Components components = api.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      api.setComponents(components);
    }
    components.addSecurityScheme(
        TOKEN,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description(
                "An API token (POST /api/v1/tokens, with a password or session), as"
                    + " Authorization: Bearer <token>. A read-scoped token can only read."));
    components.addSecurityScheme(
        PASSWORD,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("basic")
            .description("A user's name and password (HTTP Basic)."));
    components.addSecurityScheme(
        SESSION,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.COOKIE)
            .name("cradle_ui")
            .description(
                "The dashboard's session cookie (sign in at /login); a request that changes"
                    + " something also needs the session's X-CSRF-Token header."));
    components.addSchema(
        ERROR,
        OASFactory.createSchema()
            .type(List.of(Schema.SchemaType.OBJECT))
            .description("Every API error: what went wrong, in words the caller can act on.")
            .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
            .addRequired("error"));

    if (api.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith(API)) {
        continue;
      }
      boolean namesSomething = path.getKey().contains("{");
      for (Operation op : path.getValue().getOperations().values()) {
        complete(op, namesSomething);
      }
    }
  }

  private static void complete(Operation op, boolean namesSomething) {
    op.setSecurity(List.of(requirement(TOKEN), requirement(PASSWORD), requirement(SESSION)));
    APIResponses responses = op.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      op.setResponses(responses);
    }
    boolean sends = op.getRequestBody() != null;
    boolean asks = sends || (op.getParameters() != null && !op.getParameters().isEmpty());
    refusal(responses, "400", asks, "The request is malformed or names something invalid.");
    refusal(responses, "401", true, "No credentials, or wrong ones.");
    refusal(responses, "403", true, "The caller's role or token scope does not allow this.");
    refusal(responses, "404", namesSomething, "Nothing with that id or key.");
    refusal(responses, "413", sends, "The body is larger than 4 MB.");
  }

  /** Declares the refusal unless the operation already says more about it. */
  private static void refusal(APIResponses responses, String code, boolean applies, String why) {
    if (!applies) {
      return;
    }
    APIResponse declared = responses.getAPIResponse(code);
    if (declared == null) {
      declared = OASFactory.createAPIResponse().description(why);
      responses.addAPIResponse(code, declared);
    }
    if (declared.getContent() == null) {
      declared.setContent(
          OASFactory.createContent()
              .addMediaType(
                  "application/json",
                  OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR))));
    }
  }

  private static SecurityRequirement requirement(String scheme) {
    return OASFactory.createSecurityRequirement().addScheme(scheme);
  }
}
