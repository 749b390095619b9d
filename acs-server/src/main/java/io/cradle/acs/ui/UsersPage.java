package io.cradle.acs.ui;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.Accounts;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.security.UserView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /ui/users} (admins only, by {@code AccessPolicy}): list, create, change role, disable or
 * enable, reset password — each through {@link Accounts}, which audits it.
 */
@Path("/ui/users")
public class UsersPage {

  public record View(List<UserView> users, String notice, String error) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance users(View view, Me me);
  }

  @Inject Accounts accounts;
  @Inject CurrentUser currentUser;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(
      @QueryParam("notice") String notice, @QueryParam("error") String error) {
    return Templates.users(
        new View(accounts.list(), DevicesPage.text(notice), DevicesPage.text(error)),
        Me.of(currentUser));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role) {
    return done(
        () -> {
          UserView u = accounts.create(currentUser.actor(), username, password, role);
          return "User " + u.username() + " created as " + u.role();
        });
  }

  /** Role and enabled state from one row's form. */
  @POST
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response update(
      @PathParam("username") String username,
      @FormParam("role") String role,
      @FormParam("disabled") String disabled) {
    return done(
        () -> {
          UserView u =
              accounts.update(
                  currentUser.actor(),
                  username,
                  role == null || role.isBlank() ? null : role,
                  disabled == null ? null : "true".equals(disabled));
          return "User "
              + u.username()
              + " is now "
              + u.role()
              + (u.disabled() ? ", disabled" : ", enabled");
        });
  }

  @POST
  @Path("{username}/password")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response resetPassword(
      @PathParam("username") String username, @FormParam("password") String password) {
    return done(
        () -> {
          accounts.resetPassword(currentUser.actor(), username, password);
          return "Password of " + username + " reset; their sessions have ended";
        });
  }

  private static Response done(Supplier<String> change) {
    try {
      return DevicesPage.seeOther(Links.href("/ui/users", Links.query("notice", change.get())));
    } catch (ApiException e) {
      return DevicesPage.seeOther(Links.href("/ui/users", Links.query("error", e.getMessage())));
    }
  }
}
