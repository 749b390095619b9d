package io.cradle.acs.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.DeleteObject;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.Upload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores an RPC as (kind, JSON) and back, and stamps the task's CommandKey or ParameterKey on it so
 * the device's next Inform can tell whether the RPC was applied.
 */
@ApplicationScoped
public class TaskRequests {

  private static final Map<String, Class<?>> KINDS =
      Arrays.stream(AcsRequest.class.getPermittedSubclasses())
          .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

  private final ObjectMapper json;

  @Inject
  public TaskRequests(ObjectMapper json) {
    this.json = json;
  }

  public static Optional<Class<?>> kind(String name) {
    return Optional.ofNullable(KINDS.get(name));
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public AcsRequest<?> fromJson(String kind, String request) {
    Class<?> type =
        kind(kind).orElseThrow(() -> new IllegalArgumentException("unknown task kind " + kind));
    try {
      return (AcsRequest<?>) json.readValue(request, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "task request is not a valid " + kind + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The request as it goes on the wire: a blank CommandKey/ParameterKey becomes the task's key. */
  static AcsRequest<?> withKey(AcsRequest<?> request, String key) {
    if (!keyOf(request).isEmpty()) {
      return request;
    }
    if (request instanceof SetParameterValues r) {
      return new SetParameterValues(r.parameters(), key);
    } else if (request instanceof AddObject r) {
      return new AddObject(r.objectName(), key);
    } else if (request instanceof DeleteObject r) {
      return new DeleteObject(r.objectName(), key);
    } else if (request instanceof Reboot) {
      return new Reboot(key);
    } else if (request instanceof ScheduleInform r) {
      return new ScheduleInform(r.delaySeconds(), key);
    } else if (request instanceof Download r) {
      return new Download(
          key,
          r.fileType(),
          r.url(),
          r.username(),
          r.password(),
          r.fileSize(),
          r.targetFileName(),
          r.delaySeconds(),
          r.successUrl(),
          r.failureUrl());
    } else if (request instanceof Upload r) {
      return new Upload(key, r.fileType(), r.url(), r.username(), r.password(), r.delaySeconds());
    }
    return request;
  }

  /** The CommandKey or ParameterKey the request carries, or "" for RPCs that have none. */
  static String keyOf(AcsRequest<?> request) {
    if (request instanceof SetParameterValues r) {
      return r.parameterKey();
    } else if (request instanceof AddObject r) {
      return r.parameterKey();
    } else if (request instanceof DeleteObject r) {
      return r.parameterKey();
    } else if (request instanceof Reboot r) {
      return r.commandKey();
    } else if (request instanceof ScheduleInform r) {
      return r.commandKey();
    } else if (request instanceof Download r) {
      return r.commandKey();
    } else if (request instanceof Upload r) {
      return r.commandKey();
    }
    return "";
  }
}
