package io.cradle.cpe.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a TR-069 value and the P-value behind it spell the same setting, e.g. {@code true} ↔ {@code
 * 1} or {@code Enabled} ↔ {@code 1}.
 */
public interface Translation {

  /** The TR-069 text for the stored P-value text. */
  String toCwmp(String pvalue);

  /**
   * The P-value text for a TR-069 value already valid for the parameter's type; empty when the
   * phone cannot express it (a fault 9007).
   */
  Optional<String> toPValue(String cwmpValue);

  /** The same text on both sides. */
  Translation IDENTITY =
      new Translation() {
        @Override
        public String toCwmp(String pvalue) {
          return pvalue;
        }

        @Override
        public Optional<String> toPValue(String cwmpValue) {
          return Optional.of(cwmpValue);
        }

        @Override
        public String toString() {
          return "identity";
        }
      };

  /** xsd:boolean ↔ {@code 1/0}; reads {@code true} for {@code 1} and {@code false} otherwise. */
  Translation BOOLEAN =
      new Translation() {
        @Override
        public String toCwmp(String pvalue) {
          return "1".equals(pvalue.trim()) ? "true" : "false";
        }

        @Override
        public Optional<String> toPValue(String cwmpValue) {
          return io.cradle.cwmp.param.ParameterType.parseBoolean(cwmpValue).map(b -> b ? "1" : "0");
        }

        @Override
        public String toString() {
          return "boolean";
        }
      };

  /**
   * A fixed set of TR-069 words, each with its P-value: {@code words("Disabled", "0", "Enabled",
   * "1")}. Words are case-sensitive; a stored value with no word reads as itself.
   */
  static Translation words(String... cwmpThenPValue) {
    if (cwmpThenPValue.length == 0 || cwmpThenPValue.length % 2 != 0) {
      throw new IllegalArgumentException("words needs (TR-069 word, P-value) pairs");
    }
    Map<String, String> toPValue = new LinkedHashMap<>();
    Map<String, String> toCwmp = new LinkedHashMap<>();
    for (int i = 0; i < cwmpThenPValue.length; i += 2) {
      toPValue.put(cwmpThenPValue[i], cwmpThenPValue[i + 1]);
      toCwmp.putIfAbsent(cwmpThenPValue[i + 1], cwmpThenPValue[i]);
    }
    return new Translation() {
      @Override
      public String toCwmp(String pvalue) {
        return toCwmp.getOrDefault(pvalue, pvalue);
      }

      @Override
      public Optional<String> toPValue(String cwmpValue) {
        return Optional.ofNullable(toPValue.get(cwmpValue));
      }

      @Override
      public String toString() {
        return "words" + toPValue;
      }
    };
  }

  /** {@code Disabled} ↔ {@code 0}, {@code Enabled} ↔ {@code 1} (TR-104 Enable). */
  static Translation enabledDisabled() {
    return words("Disabled", "0", "Enabled", "1");
  }
}
