package io.cradle.cpe.model;

import java.util.Objects;
import java.util.function.Supplier;

/** Where a parameter's value lives: the data model holds no values of its own. */
public sealed interface Binding {

  /** A setting in the P-value store, read and written through {@code translation}. */
  record PValue(String number, Translation translation) implements Binding {
    public PValue {
      Objects.requireNonNull(number, "P-value number");
      Objects.requireNonNull(translation, "translation");
    }
  }

  /** A value a live subsystem reports (Wi-Fi, SIP, battery, clock); never written by the ACS. */
  record Live(Supplier<String> source) implements Binding {
    public Live {
      Objects.requireNonNull(source, "live source");
    }
  }

  /** A value fixed for the life of the model (identity: manufacturer, serial number, …). */
  record Fixed(String value) implements Binding {
    public Fixed {
      Objects.requireNonNull(value, "fixed value");
    }
  }
}
