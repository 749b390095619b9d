package io.cradle.acs.cwmp;

import io.cradle.cwmp.soap.SoapCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The codec is thread-safe and costly to build: one for the whole ACS. */
public class CwmpBeans {

  @Produces
  @Singleton
  SoapCodec codec() {
    return new SoapCodec();
  }
}
