package io.cradle.cpe.sip.jain;

import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.SipException;
import io.cradle.cpe.sip.SipNetwork;
import io.cradle.cpe.sip.SipPort;
import io.cradle.cpe.sip.Transport;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * The JVM's one SIP stack, shared by every phone: each phone's SIP address is a JAIN-SIP
 * ListeningPoint with its own SipProvider on this stack, and the stack's single SipListener hands
 * each event to the {@link JainSipPort} that owns the provider it came from. So a fleet costs one
 * set of stack threads (timer, event scanner) plus one socket reader per SIP address, and the
 * phones' own work runs on their schedulers (the fleet's shared timer threads).
 *
 * <p>Create one per JVM (or per test) and close it at the end; {@link #close()} stops all threads.
 */
public final class JainSipHost implements SipNetwork, AutoCloseable {

  private static final AtomicInteger STACKS = new AtomicInteger();

  private final SipStack stack;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;
  private final Map<SipProvider, JainSipPort> ports = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Event scanner threads that existed before this stack: not ours to stop. */
  private final java.util.Set<Thread> foreignScanners;

  private volatile Thread scanner;

  private JainSipHost(SipStack stack, SipFactory factory, java.util.Set<Thread> foreignScanners)
      throws javax.sip.PeerUnavailableException {
    this.foreignScanners = foreignScanners;
    this.stack = stack;
    this.addresses = factory.createAddressFactory();
    this.headers = factory.createHeaderFactory();
    this.messages = factory.createMessageFactory();
  }

  /**
   * Starts the stack. {@code traceLevel} is JAIN-SIP's (0 none, 4 errors, 32 debug), logged through
   * {@link JulStackLogger}.
   */
  public static JainSipHost start(String name, int traceLevel) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", name + "-" + STACKS.incrementAndGet());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", Integer.toString(traceLevel));
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    // No per-port congestion auditor thread: a phone's port carries a trickle of messages.
    p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
    // THREAD_POOL_SIZE stays unset: no standing worker threads per UDP port; the stack handles
    // each datagram on a short-lived thread, which suits phones that send a few messages a minute.
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    try {
      java.util.Set<Thread> scanners = scannerThreads();
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      SipStack stack = factory.createSipStack(p);
      JainSipHost host = new JainSipHost(stack, factory, scanners);
      stack.start();
      return host;
    } catch (javax.sip.SipException e) {
      throw new SipException("cannot start the SIP stack: " + e.getMessage(), e);
    }
  }

  /** A stack logging errors only. */
  public static JainSipHost start() {
    return start("cradle", 4);
  }

  @Override
  public SipPort open(HostPort address, Transport transport, Executor deliverOn) {
    Objects.requireNonNull(deliverOn, "deliverOn");
    if (transport == Transport.TLS) {
      throw new SipException("SIP over TLS is not supported yet (P130 = 2) on " + address, null);
    }
    ListeningPoint lp = null;
    try {
      lp = stack.createListeningPoint(address.host(), address.port(), transport.token());
      SipProvider provider = stack.createSipProvider(lp);
      JainSipPort port = new JainSipPort(this, provider, lp, address, transport, deliverOn);
      ports.put(provider, port);
      if (scanner == null) {
        scanner =
            scannerThreads().stream()
                .filter(t -> !foreignScanners.contains(t))
                .findFirst()
                .orElse(null);
      }
      // One listener per stack, added to every provider (a second, different one is refused).
      provider.addSipListener(dispatcher);
      return port;
    } catch (javax.sip.SipException
        | javax.sip.InvalidArgumentException
        | java.util.TooManyListenersException e) {
      if (lp != null) {
        try {
          stack.deleteListeningPoint(lp);
        } catch (javax.sip.ObjectInUseException ignored) {
          // nothing more to undo
        }
      }
      throw new SipException(
          "cannot listen for SIP on " + transport.token() + " " + address + ": " + e.getMessage(),
          e);
    }
  }

  /** How many SIP ports are open. */
  public int portCount() {
    return ports.size();
  }

  void closed(JainSipPort port, SipProvider provider, ListeningPoint lp) {
    ports.remove(provider);
    try {
      stack.deleteSipProvider(provider);
      stack.deleteListeningPoint(lp);
    } catch (javax.sip.ObjectInUseException e) {
      // The stack keeps it until its transactions end; nothing is listening for it any more.
    }
  }

  @Override
  public void close() {
    if (!closed.getAndSet(true)) {
      stack.stop();
      ports.clear();
      // JAIN-SIP 1.3.0-91 leaves its (non-daemon) event scanner blocked in take() after stop(),
      // which keeps a JVM from exiting; the interrupt ends it.
      Thread t = scanner;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private static java.util.Set<Thread> scannerThreads() {
    java.util.Set<Thread> found = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("EventScannerThread")) {
        found.add(t);
      }
    }
    return found;
  }

  /** The stack's only SipListener: finds the port by the provider the event came through. */
  private final SipListener dispatcher =
      new SipListener() {
        @Override
        public void processRequest(RequestEvent event) {
          JainSipPort port = ports.get((SipProvider) event.getSource());
          if (port != null) {
            port.onRequest(event);
          }
        }

        @Override
        public void processResponse(ResponseEvent event) {
          JainSipPort port = ports.get((SipProvider) event.getSource());
          if (port != null) {
            port.onResponse(event);
          }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
          JainSipPort port = ports.get((SipProvider) event.getSource());
          if (port != null) {
            port.onTimeout(event);
          }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
          // Reported per transaction as a timeout or a send failure.
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {}

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {}
      };
}
