package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole role × request matrix, without a server. */
class AccessPolicyTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    // role,    method, path,                                        allowed
    "viewer,   GET,    /api/v1/devices,                                 true",
    "viewer,   GET,    /ui/devices,                                  true",
    "viewer,   GET,    /q/metrics,                                   true",
    "viewer,   PUT,    /api/v1/devices/K/tags,                          false",
    "viewer,   POST,   /api/v1/devices/K/tasks,                         false",
    "viewer,   POST,   /api/v1/tasks,                                   false",
    "viewer,   DELETE, /api/v1/tasks/1,                                 false",
    "viewer,   POST,   /api/v1/devices/K/connection-request,            false",
    "viewer,   GET,    /api/v1/audit,                                   false",
    "viewer,   GET,    /api/v1/users,                                   false",
    "viewer,   GET,    /api/v1/tokens,                                  true",
    "viewer,   POST,   /api/v1/tokens,                                  true",
    "viewer,   POST,   /logout,                                      true",
    "operator, PUT,    /api/v1/devices/K/tags,                          true",
    "operator, POST,   /api/v1/devices/K/tasks,                         true",
    "operator, POST,   /api/v1/tasks,                                   true",
    "operator, DELETE, /api/v1/tasks/1,                                 true",
    "operator, PUT,    /api/v1/devices/K/connection-request-credential, true",
    "operator, GET,    /api/v1/audit,                                   true",
    "operator, GET,    /api/v1/users,                                   false",
    "operator, POST,   /api/v1/users,                                   false",
    "operator, PATCH,  /api/v1/users/x,                                 false",
    "admin,    GET,    /api/v1/users,                                   true",
    "admin,    POST,   /api/v1/users,                                   true",
    "admin,    PUT,    /api/v1/users/x/password,                        true",
    "admin,    DELETE, /api/v1/tasks/1,                                 true",
    "admin,    GET,    /api/v1/audit,                                   true",
    "viewer,   GET,    /api/v1/alarms,                                  true",
    "viewer,   POST,   /api/v1/alarms/1/acknowledge,                    false",
    "operator, POST,   /api/v1/alarms/1/acknowledge,                    true",
    "operator, POST,   /api/v1/alarms/1/clear,                          true",
    "viewer,   GET,    /ui/alarms,                                      true",
    "operator, GET,    /api/v1/webhooks,                                false",
    "operator, POST,   /api/v1/webhooks,                                false",
    "operator, GET,    /ui/webhooks,                                    false",
    "operator, POST,   /ui/webhooks/1/test,                             false",
    "viewer,   GET,    /api/v1/webhooks/1/deliveries,                   false",
    "admin,    GET,    /api/v1/webhooks,                                true",
    "admin,    POST,   /api/v1/webhooks,                                true",
    "admin,    DELETE, /api/v1/webhooks/1,                              true",
    "admin,    GET,    /ui/webhooks,                                    true",
    "admin,    POST,   /ui/webhooks/1/test,                             true",
    // The dashboard's pages follow the API they front.
    "viewer,   GET,    /ui,                                          true",
    "viewer,   POST,   /ui/devices/bulk,                             false",
    "viewer,   POST,   /ui/devices/K/parameters,                     false",
    "viewer,   GET,    /ui/audit,                                    false",
    // A config backup holds the phone's passwords: listed for viewers, downloaded by operators.
    "viewer,   GET,    /ui/devices/K,                                true",
    "viewer,   GET,    /ui/devices/K/backups/1,                      false",
    "operator, GET,    /ui/devices/K/backups/1,                      true",
    "viewer,   POST,   /ui/devices/K/firmware,                       false",
    "operator, POST,   /ui/devices/K/firmware,                       true",
    "viewer,   GET,    /ui/users,                                    false",
    "operator, POST,   /ui/devices/bulk,                             true",
    "operator, POST,   /ui/devices/K/actions,                        true",
    "operator, GET,    /ui/audit,                                    true",
    "operator, GET,    /ui/users,                                    false",
    "operator, POST,   /ui/users,                                    false",
    "operator, POST,   /ui/users/x/password,                         false",
    "admin,    GET,    /ui/users,                                    true",
    "admin,    POST,   /ui/users/x,                                  true",
    "admin,    GET,    /ui/audit,                                    true",
  })
  void whatEachRoleMayDoWithAPasswordOrSession(
      String role, String method, String path, boolean allowed) {
    Principal who = Principal.basic(1, "u", Role.parse(role).orElseThrow());
    assertEquals(allowed, AccessPolicy.refusal(method, path, who).isEmpty());
    Principal session = Principal.session(1, "u", Role.parse(role).orElseThrow(), "csrf");
    assertEquals(allowed, AccessPolicy.refusal(method, path, session).isEmpty());
  }

  @ParameterizedTest(name = "{0} token of a {1}: {2} {3} -> {4}")
  @CsvSource({
    "read,  admin,    GET,    /api/v1/devices,        true",
    "read,  admin,    GET,    /api/v1/audit,          true",
    "read,  admin,    PUT,    /api/v1/devices/K/tags, false",
    "read,  admin,    POST,   /api/v1/tasks,          false",
    "read,  admin,    GET,    /api/v1/users,          false",
    "write, admin,    POST,   /api/v1/tasks,          true",
    "write, admin,    POST,   /api/v1/users,          false",
    "write, admin,    GET,    /api/v1/tokens,         false",
    "write, admin,    POST,   /api/v1/tokens,         false",
    "write, operator, PUT,    /api/v1/devices/K/tags, true",
    "write, viewer,   PUT,    /api/v1/devices/K/tags, false",
    "write, viewer,   GET,    /api/v1/devices,        true",
    "write, admin,    POST,   /api/v1/webhooks,       true",
    "read,  admin,    POST,   /api/v1/webhooks,       false",
    "write, operator, GET,    /api/v1/webhooks,       false",
  })
  void aTokenActsWithItsUsersRoleCappedByItsScope(
      String scope, String role, String method, String path, boolean allowed) {
    Principal who =
        Principal.token(
            1, "u", Role.parse(role).orElseThrow(), "ci", TokenScope.parse(scope).orElseThrow());
    assertEquals(allowed, AccessPolicy.refusal(method, path, who).isEmpty());
  }
}
