package io.cradle.acs.templates;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SIP account pool: accounts assigned to a device's line feed its {@code account<line>.*}
 * variables (so a template's {@code P35 = ${account1.userId}} is filled per device), and the
 * fleet's lines with the registration status the phones report. Passwords are never shown.
 */
@ApplicationScoped
public class SipAccounts {

  /** An account as sent to create or replace one; {@code mac} and {@code line} together or not. */
  public record NewSipAccount(
      String server,
      String userId,
      String authId,
      String password,
      String displayName,
      String mac,
      Integer line) {}

  /** An account as shown: the password only as whether one is set. */
  public record SipAccountView(
      long id,
      String server,
      String userId,
      String authId,
      boolean hasPassword,
      String displayName,
      String mac,
      Integer line) {}

  /** One line of one phone: what it reports, and the pool's account on it. */
  public record LineStatus(
      String device,
      String mac,
      int line,
      String status,
      Instant statusChangedAt,
      Instant lastInform,
      Long accountId,
      String userId,
      String server) {}

  private final TemplateStore store;
  private final Audit audit;

  @Inject
  public SipAccounts(TemplateStore store, Audit audit) {
    this.store = store;
    this.audit = audit;
  }

  public List<SipAccountView> list() throws SQLException {
    return store.accounts().stream().map(SipAccounts::view).toList();
  }

  public SipAccountView get(long id) throws SQLException {
    return view(find(id));
  }

  /** Audited as {@code sip-account.create}. */
  @Transactional
  public SipAccountView create(String actor, NewSipAccount body) throws SQLException {
    SipAccount a = checked(0, body, "");
    long id =
        store
            .insertAccount(a)
            .orElseThrow(
                () -> new ApiException(409, "the account was created concurrently; try again"));
    SipAccountView view = view(find(id));
    audit.record(actor, "sip-account.create", target(id), null, view);
    return view;
  }

  /** Replaces an account (a missing password keeps the stored one); audited. */
  @Transactional
  public SipAccountView update(String actor, long id, NewSipAccount body) throws SQLException {
    SipAccount before = find(id);
    SipAccount a = checked(id, body, before.password());
    store.updateAccount(a);
    SipAccountView view = view(find(id));
    audit.record(actor, "sip-account.update", target(id), view(before), view);
    return view;
  }

  @Transactional
  public void delete(String actor, long id) throws SQLException {
    SipAccount before = find(id);
    store.deleteAccount(id);
    audit.record(actor, "sip-account.delete", target(id), view(before), null);
  }

  /**
   * Every line a phone reported a status for, and every assigned line (status null until the phone
   * reports it); {@code status} narrows it, e.g. {@code Error}, or {@code Unknown} for never
   * reported; {@code device} (a device key or MAC) to one phone.
   */
  public List<LineStatus> lines(String status, String device, int limit) throws SQLException {
    String phone = device == null || device.isBlank() ? null : device.strip();
    return store
        .lines(
            status == null || status.isBlank() ? null : status, phone, Macs.normalize(phone), limit)
        .stream()
        .map(
            r ->
                new LineStatus(
                    r.deviceKey(),
                    r.mac(),
                    r.line(),
                    r.status(),
                    r.statusChangedAt(),
                    r.lastInform(),
                    r.accountId(),
                    r.userId(),
                    r.server()))
        .toList();
  }

  private SipAccount checked(long id, NewSipAccount body, String storedPassword)
      throws SQLException {
    if (body == null) {
      throw ApiException.badRequest(
          "give an account as {\"server\", \"userId\", \"authId\", \"password\", \"displayName\","
              + " \"mac\", \"line\"}");
    }
    String server = strip(body.server());
    String userId = strip(body.userId());
    if (server.isEmpty() || userId.isEmpty()) {
      throw ApiException.badRequest("an account needs \"server\" and \"userId\"");
    }
    PValueCatalog catalog = PValueCatalog.wp820();
    // The line-1 P-values stand for both lines: the limits are the same.
    for (Map.Entry<String, String> e :
        Map.of(
                "P47",
                server,
                "P35",
                userId,
                "P36",
                strip(body.authId()),
                "P3",
                strip(body.displayName()),
                "P34",
                body.password() == null ? "" : body.password())
            .entrySet()) {
      catalog
          .check(e.getKey(), e.getValue())
          .ifPresent(
              why -> {
                throw ApiException.badRequest(
                    catalog.nameOf(e.getKey()).replace("account1.", "") + ": " + why);
              });
    }
    String mac =
        body.mac() == null ? "" : body.mac().replaceAll("[:\\-]", "").toUpperCase(Locale.ROOT);
    Integer line = body.line();
    if (mac.isEmpty() != (line == null)) {
      throw ApiException.badRequest(
          "assign an account with both \"mac\" and \"line\" (1 or 2), or neither");
    }
    if (!mac.isEmpty()) {
      if (!TemplateService.MAC.matcher(mac).matches()) {
        throw ApiException.badRequest("mac '" + body.mac() + "' is not 12 hex digits");
      }
      if (line != 1 && line != 2) {
        throw ApiException.badRequest(
            "line must be 1 or 2 (a WP820 has two accounts), not " + line);
      }
      var taken = store.accountOnLine(mac, line, id);
      if (taken.isPresent()) {
        throw new ApiException(
            409,
            "line "
                + line
                + " of "
                + mac
                + " already has account "
                + taken.get().userId()
                + "@"
                + taken.get().server()
                + " (id "
                + taken.get().id()
                + ")");
      }
    }
    if (store.accountTaken(server, userId, id)) {
      throw new ApiException(409, "the pool already has " + userId + "@" + server);
    }
    return new SipAccount(
        id,
        server,
        userId,
        strip(body.authId()),
        body.password() == null ? storedPassword : body.password(),
        strip(body.displayName()),
        mac.isEmpty() ? null : mac,
        line);
  }

  private SipAccount find(long id) throws SQLException {
    return store
        .account(id)
        .orElseThrow(() -> ApiException.notFound("no SIP account with id " + id));
  }

  private static SipAccountView view(SipAccount a) {
    return new SipAccountView(
        a.id(),
        a.server(),
        a.userId(),
        a.authId(),
        !a.password().isEmpty(),
        a.displayName(),
        a.mac(),
        a.line());
  }

  private static AuditTargets target(long id) {
    return new AuditTargets("sip-account", List.of(String.valueOf(id)), List.of());
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
