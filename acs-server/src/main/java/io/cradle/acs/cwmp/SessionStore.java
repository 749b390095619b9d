package io.cradle.acs.cwmp;

import io.cradle.acs.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions of this node, by session cookie and by connection: a CPE that does not echo the
 * cookie is followed along its keep-alive connection. The states are plain data; the device lease
 * in PostgreSQL, not this map, is what keeps two nodes from serving one device at once.
 */
@ApplicationScoped
public class SessionStore {

  private final Map<String, SessionState> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByConnection = new ConcurrentHashMap<>();
  private final Map<String, String> connectionById = new ConcurrentHashMap<>();

  /**
   * The session a request belongs to: by its cookie when it sends one, else by its connection. A
   * cookie that names no open session does not fall back to the connection, because behind a proxy
   * one upstream connection carries many devices.
   */
  public Optional<SessionState> find(String cookieSessionId, String connection) {
    if (cookieSessionId != null) {
      return Optional.ofNullable(byId.get(cookieSessionId));
    }
    String id = idByConnection.get(connection);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  public void put(SessionState state, String connection) {
    byId.put(state.sessionId(), state);
    String previous = connectionById.put(state.sessionId(), connection);
    if (previous != null && !previous.equals(connection)) {
      idByConnection.remove(previous, state.sessionId());
    }
    idByConnection.put(connection, state.sessionId());
  }

  public void remove(String sessionId) {
    byId.remove(sessionId);
    String connection = connectionById.remove(sessionId);
    if (connection != null) {
      idByConnection.remove(connection, sessionId);
    }
  }

  public int size() {
    return byId.size();
  }

  /** Removes and returns the sessions idle for longer than {@code idle}. */
  public List<SessionState> takeExpired(Instant now, Duration idle) {
    List<SessionState> expired = new ArrayList<>();
    for (SessionState s : byId.values()) {
      if (s.lastSeen().plus(idle).isBefore(now)) {
        expired.add(s);
        remove(s.sessionId());
      }
    }
    return expired;
  }
}
