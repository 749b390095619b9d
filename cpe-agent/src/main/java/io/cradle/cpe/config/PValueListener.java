package io.cradle.cpe.config;

import java.util.Map;

/** Told after P-values changed, once per (multi-)set, e.g. to raise TR-069 "4 VALUE CHANGE". */
@FunctionalInterface
public interface PValueListener {

  /** {@code changed} maps each changed P-value number to its new effective value. */
  void onChanged(Map<String, String> changed);
}
