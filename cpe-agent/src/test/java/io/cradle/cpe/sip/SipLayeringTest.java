package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE: only the adapter package {@code io.cradle.cpe.sip.jain} sees JAIN-SIP. */
class SipLayeringTest {

  @Test
  void onlyTheAdapterImportsJainSip() throws IOException {
    Path main = Path.of("src/main/java");
    Path adapter = main.resolve("io/cradle/cpe/sip/jain");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.startsWith(adapter))
              .filter(SipLayeringTest::importsJainSip)
              .collect(Collectors.toList());
      assertEquals(List.of(), offenders);
    }
  }

  private static boolean importsJainSip(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .anyMatch(l -> l.startsWith("import javax.sip") || l.startsWith("import gov.nist"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
