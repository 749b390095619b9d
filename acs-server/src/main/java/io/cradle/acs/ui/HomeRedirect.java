package io.cradle.acs.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The site root leads to the fleet overview. */
@Path("/")
public class HomeRedirect {

  @GET
  public Response home() {
    return Response.seeOther(URI.create("/ui")).build();
  }
}
