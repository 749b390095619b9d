package io.cradle.cwmp.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SoapCodecRoundTripTest {

  private final SoapCodec codec = new SoapCodec();

  static Stream<Arguments> everyMessageInEveryVersion() {
    List<CwmpMessage> messages = SampleMessages.all();
    return Stream.of(CwmpVersion.values())
        .flatMap(
            v ->
                messages.stream()
                    .map(m -> Arguments.of(v, m.method() + " #" + messages.indexOf(m), m)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyMessageInEveryVersion")
  void decodeOfEncodeGivesTheSameEnvelope(CwmpVersion version, String label, CwmpMessage message)
      throws Exception {
    Envelope sent = new Envelope(version, Header.withId("id <&> " + label), message);

    Envelope received = codec.decode(codec.encode(sent));

    assertEquals(sent, received);
  }

  @ParameterizedTest
  @EnumSource(CwmpVersion.class)
  void everyHeaderFieldSurvivesTheRoundTrip(CwmpVersion version) throws Exception {
    Header full = new Header(SampleMessages.AWKWARD, true, 30L, "1.0,1.1,1.2,1.3,1.4", "1.4");
    for (Header header : List.of(full, Header.NONE, Header.withId(""), Header.withId("42"))) {
      Envelope sent = new Envelope(version, header, SampleMessages.all().get(0));

      assertEquals(sent, codec.decode(codec.encode(sent)), header.toString());
    }
  }

  @Test
  void samplesCoverEveryMessageTypeOfTheSealedHierarchy() {
    Set<Class<?>> sampled = new HashSet<>();
    SampleMessages.all().forEach(m -> sampled.add(m.getClass()));

    Set<Class<?>> concrete = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(CwmpMessage.class));
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (type.isSealed()) {
        todo.addAll(List.of(type.getPermittedSubclasses()));
      } else {
        concrete.add(type);
      }
    }

    assertTrue(concrete.contains(Fault.class));
    assertEquals(35, concrete.size(), "message types: " + concrete);
    assertEquals(concrete, sampled);
  }
}
