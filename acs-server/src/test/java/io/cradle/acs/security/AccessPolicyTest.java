package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole role × request matrix, without a server. */
class AccessPolicyTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    // role,    method, path,                                        allowed
    "viewer,   GET,    /api/devices,                                 true",
    "viewer,   GET,    /ui/devices,                                  true",
    "viewer,   GET,    /q/metrics,                                   true",
    "viewer,   PUT,    /api/devices/K/tags,                          false",
    "viewer,   POST,   /api/devices/K/tasks,                         false",
    "viewer,   POST,   /api/tasks,                                   false",
    "viewer,   DELETE, /api/tasks/1,                                 false",
    "viewer,   POST,   /api/devices/K/connection-request,            false",
    "viewer,   GET,    /api/audit,                                   false",
    "viewer,   GET,    /api/users,                                   false",
    "viewer,   GET,    /api/tokens,                                  true",
    "viewer,   POST,   /api/tokens,                                  true",
    "viewer,   POST,   /logout,                                      true",
    "operator, PUT,    /api/devices/K/tags,                          true",
    "operator, POST,   /api/devices/K/tasks,                         true",
    "operator, POST,   /api/tasks,                                   true",
    "operator, DELETE, /api/tasks/1,                                 true",
    "operator, PUT,    /api/devices/K/connection-request-credential, true",
    "operator, GET,    /api/audit,                                   true",
    "operator, GET,    /api/users,                                   false",
    "operator, POST,   /api/users,                                   false",
    "operator, PATCH,  /api/users/x,                                 false",
    "admin,    GET,    /api/users,                                   true",
    "admin,    POST,   /api/users,                                   true",
    "admin,    PUT,    /api/users/x/password,                        true",
    "admin,    DELETE, /api/tasks/1,                                 true",
    "admin,    GET,    /api/audit,                                   true",
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
    "read,  admin,    GET,    /api/devices,        true",
    "read,  admin,    GET,    /api/audit,          true",
    "read,  admin,    PUT,    /api/devices/K/tags, false",
    "read,  admin,    POST,   /api/tasks,          false",
    "read,  admin,    GET,    /api/users,          false",
    "write, admin,    POST,   /api/tasks,          true",
    "write, admin,    POST,   /api/users,          false",
    "write, admin,    GET,    /api/tokens,         false",
    "write, admin,    POST,   /api/tokens,         false",
    "write, operator, PUT,    /api/devices/K/tags, true",
    "write, viewer,   PUT,    /api/devices/K/tags, false",
    "write, viewer,   GET,    /api/devices,        true",
  })
  void aTokenActsWithItsUsersRoleCappedByItsScope(
      String scope, String role, String method, String path, boolean allowed) {
    Principal who =
        Principal.token(
            1, "u", Role.parse(role).orElseThrow(), "ci", TokenScope.parse(scope).orElseThrow());
    assertEquals(allowed, AccessPolicy.refusal(method, path, who).isEmpty());
  }
}
