package io.cradle.acs.api;

/** How a Connection Request went: {@code OK 200}, {@code AUTH_FAILED}, {@code UNREACHABLE}, ... */
public record ConnectionRequestResult(String deviceKey, boolean ok, String outcome) {}
