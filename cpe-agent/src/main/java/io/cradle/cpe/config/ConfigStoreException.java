package io.cradle.cpe.config;

/** The saved settings file could not be read or written; the store kept its previous values. */
public final class ConfigStoreException extends Exception {

  ConfigStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
