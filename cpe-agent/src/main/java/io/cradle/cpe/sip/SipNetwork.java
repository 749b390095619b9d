package io.cradle.cpe.sip;

import java.util.concurrent.Executor;

/**
 * Opens {@link SipPort}s: the JVM's one SIP stack in a live run ({@code JainSipHost}), a fake in
 * tests.
 */
@FunctionalInterface
public interface SipNetwork {

  /**
   * Listens on {@code address} with {@code transport}; the port's listener calls run on {@code
   * deliverOn}. A network that multiplexes phones may listen elsewhere: the port's {@link
   * SipPort#localAddress()} says where.
   *
   * @throws SipException if the address cannot be bound
   */
  SipPort open(HostPort address, Transport transport, Executor deliverOn);
}
