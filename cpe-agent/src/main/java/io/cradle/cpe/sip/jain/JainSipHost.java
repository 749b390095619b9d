package io.cradle.cpe.sip.jain;

import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.SipException;
import io.cradle.cpe.sip.SipNetwork;
import io.cradle.cpe.sip.SipPort;
import io.cradle.cpe.sip.Transport;
import java.text.ParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
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
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The JVM's one SIP stack, shared by every phone, in one of two layouts:
 *
 * <ul>
 *   <li>{@link #start()}: each phone SIP address is a ListeningPoint of its own, as a lone phone
 *       ({@code PhoneCli}, a test with SIPp calling the phone's address) needs. JAIN-SIP reads
 *       every UDP ListeningPoint with a blocking thread of its own, so threads grow with phones.
 *   <li>{@link #shared(HostPort)}: every phone uses one ListeningPoint per transport at one
 *       address, and a phone is told apart by a {@code ;cradle=<key>} parameter on its Contact URI,
 *       which comes back in the Request-URI of every request sent to it (a registrar's lookup, and
 *       in-dialog requests, target the Contact). Threads stay the same for 1 or 10,000 phones.
 * </ul>
 *
 * Responses and timeouts go to whatever waits on the client transaction (its application data), so
 * they need no lookup. The phones' own work runs on their schedulers.
 *
 * <p>Create one per JVM (or per test) and close it at the end; {@link #close()} stops all threads.
 */
public final class JainSipHost implements SipNetwork, AutoCloseable {

  /** The Contact URI parameter naming a phone's port on a shared listening point. */
  static final String KEY_PARAMETER = "cradle";

  private static final Logger LOG = Logger.getLogger(JainSipHost.class.getName());

  private static final AtomicInteger STACKS = new AtomicInteger();

  /**
   * Threads that take datagrams off a shared UDP listening point and run them through the stack: a
   * phone's port sees a few messages a minute, so a fleet's traffic fits in two.
   */
  private static final int SHARED_UDP_WORKERS = 2;

  private final SipStack stack;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;

  /** The shared address, or null when each port listens on its own. */
  private final HostPort sharedAddress;

  /** Providers of listening points that one port has to itself. */
  private final Map<SipProvider, JainSipPort> ownPoints = new ConcurrentHashMap<>();

  /** Ports on the shared listening points, by their Contact key. */
  private final Map<String, JainSipPort> byKey = new ConcurrentHashMap<>();

  /** The shared listening points' providers, opened on first use of their transport. */
  private final Map<Transport, SipProvider> sharedProviders = new EnumMap<>(Transport.class);

  private final AtomicLong nextKey = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Event scanner threads that existed before this stack: not ours to stop. */
  private final Set<Thread> foreignScanners;

  private volatile Thread scanner;

  private JainSipHost(
      SipStack stack, SipFactory factory, Set<Thread> foreignScanners, HostPort sharedAddress)
      throws javax.sip.PeerUnavailableException {
    this.foreignScanners = foreignScanners;
    this.stack = stack;
    this.sharedAddress = sharedAddress;
    this.addresses = factory.createAddressFactory();
    this.headers = factory.createHeaderFactory();
    this.messages = factory.createMessageFactory();
  }

  /**
   * Starts a stack on which each phone listens on its own address. {@code traceLevel} is JAIN-SIP's
   * (0 none, 4 errors, 32 debug), logged through {@link JulStackLogger}.
   */
  public static JainSipHost start(String name, int traceLevel) {
    return start(name, traceLevel, null);
  }

  /** A stack on which each phone listens on its own address, logging errors only. */
  public static JainSipHost start() {
    return start("cradle", 4, null);
  }

  /**
   * Starts a stack on which all phones share one listening point per transport at {@code address}
   * (bound when a phone first uses the transport), logging errors only. The address a phone asks
   * for in {@link #open} is then ignored: its SIP traffic comes from {@code address}.
   */
  public static JainSipHost shared(HostPort address) {
    return start("cradle", 4, Objects.requireNonNull(address, "address"));
  }

  private static JainSipHost start(String name, int traceLevel, HostPort sharedAddress) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", name + "-" + STACKS.incrementAndGet());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", Integer.toString(traceLevel));
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    // No per-port congestion auditor thread: a phone's port carries a trickle of messages.
    p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
    if (sharedAddress != null) {
      // THREAD_POOL_SIZE is per UDP listening point: with one point, a small fixed pool. Unset (own
      // points), the stack runs each datagram on a short-lived thread instead of standing workers.
      p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(SHARED_UDP_WORKERS));
    }
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    // A check-sync NOTIFY comes without a subscription; the stack would answer it 481 itself.
    p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
    // One TCP connection per peer, shared by all phones on the point, instead of one per phone.
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    try {
      Set<Thread> scanners = scannerThreads();
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      SipStack stack = factory.createSipStack(p);
      JainSipHost host = new JainSipHost(stack, factory, scanners, sharedAddress);
      stack.start();
      return host;
    } catch (javax.sip.SipException e) {
      throw new SipException("cannot start the SIP stack: " + e.getMessage(), e);
    }
  }

  @Override
  public SipPort open(HostPort address, Transport transport, Executor deliverOn) {
    Objects.requireNonNull(deliverOn, "deliverOn");
    if (transport == Transport.TLS) {
      throw new SipException("SIP over TLS is not supported yet (P130 = 2) on " + address, null);
    }
    if (closed.get()) {
      throw new SipException("the SIP stack is closed", null);
    }
    if (sharedAddress != null) {
      SipProvider provider = sharedProvider(transport);
      String key = Long.toString(nextKey.incrementAndGet(), 36);
      JainSipPort port = new JainSipPort(this, provider, key, sharedAddress, transport, deliverOn);
      byKey.put(key, port);
      return port;
    }
    SipProvider provider = listen(address, transport);
    JainSipPort port = new JainSipPort(this, provider, null, address, transport, deliverOn);
    ownPoints.put(provider, port);
    return port;
  }

  private synchronized SipProvider sharedProvider(Transport transport) {
    return sharedProviders.computeIfAbsent(transport, t -> listen(sharedAddress, t));
  }

  /** A new listening point at {@code address} with its provider, the dispatcher listening. */
  private SipProvider listen(HostPort address, Transport transport) {
    ListeningPoint lp = null;
    try {
      lp = stack.createListeningPoint(address.host(), address.port(), transport.token());
      SipProvider provider = stack.createSipProvider(lp);
      if (scanner == null) {
        scanner =
            scannerThreads().stream()
                .filter(t -> !foreignScanners.contains(t))
                .findFirst()
                .orElse(null);
      }
      // One listener per stack, added to every provider (a second, different one is refused).
      provider.addSipListener(dispatcher);
      return provider;
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

  /**
   * A port free for both UDP and TCP on {@code host} now: where a SIP listener for both transports
   * (a fleet's shared address, a registrar) can bind.
   *
   * @throws java.io.IOException if none is found in 50 tries
   */
  public static int freePort(String host) throws java.io.IOException {
    java.net.InetAddress address = java.net.InetAddress.getByName(host);
    for (int i = 0; i < 50; i++) {
      try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, address)) {
        int port = tcp.getLocalPort();
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port, address)) {
          return port;
        } catch (java.io.IOException taken) {
          // try another
        }
      }
    }
    throw new java.io.IOException("no port on " + host + " is free for both SIP over UDP and TCP");
  }

  /** How many SIP ports are open. */
  public int portCount() {
    return ownPoints.size() + byKey.size();
  }

  /** How many listening points (sockets) the ports use. */
  public int listeningPointCount() {
    return stack.getListeningPoints() == null ? 0 : countOf(stack.getListeningPoints());
  }

  private static int countOf(java.util.Iterator<?> it) {
    int n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  void closed(JainSipPort port) {
    if (port.key() != null) {
      byKey.remove(port.key(), port);
      return;
    }
    SipProvider provider = port.provider();
    ownPoints.remove(provider);
    try {
      ListeningPoint lp = provider.getListeningPoint();
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
      ownPoints.clear();
      byKey.clear();
      // JAIN-SIP 1.3.0-91 leaves its (non-daemon) event scanner blocked in take() after stop(),
      // which keeps a JVM from exiting; the interrupt ends it.
      Thread t = scanner;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private static Set<Thread> scannerThreads() {
    Set<Thread> found = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("EventScannerThread")) {
        found.add(t);
      }
    }
    return found;
  }

  /** The port a request is for: the provider's own, else the one its Request-URI's key names. */
  private JainSipPort portFor(RequestEvent event) {
    JainSipPort own = ownPoints.get((SipProvider) event.getSource());
    if (own != null) {
      return own;
    }
    if (event.getRequest().getRequestURI() instanceof SipURI uri) {
      String key = uri.getParameter(KEY_PARAMETER);
      if (key != null) {
        return byKey.get(key);
      }
    }
    return null;
  }

  /** A request for no phone on the shared point: OPTIONS is a ping, the rest is for no one. */
  private void answerForNoOne(RequestEvent event) {
    Request request = event.getRequest();
    if (Request.ACK.equals(request.getMethod())) {
      return;
    }
    int status = Request.OPTIONS.equals(request.getMethod()) ? Response.OK : Response.NOT_FOUND;
    try {
      ((SipProvider) event.getSource()).sendResponse(messages.createResponse(status, request));
    } catch (ParseException | javax.sip.SipException e) {
      LOG.log(Level.FINE, "cannot answer a " + request.getMethod() + " for no phone", e);
    }
  }

  /**
   * A retransmitted 2xx to an INVITE whose transaction is over: our ACK was lost, send it again.
   */
  private static void ackAgain(ResponseEvent event) {
    Response response = event.getResponse();
    Dialog dialog = event.getDialog();
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (dialog != null
        && Request.INVITE.equals(cseq.getMethod())
        && response.getStatusCode() < 300) {
      try {
        dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
      } catch (javax.sip.SipException | InvalidArgumentException e) {
        LOG.log(Level.FINE, "cannot re-ACK a 2xx", e);
      }
    }
  }

  /** The stack's only SipListener. */
  private final SipListener dispatcher =
      new SipListener() {
        @Override
        public void processRequest(RequestEvent event) {
          JainSipPort port = portFor(event);
          if (port != null) {
            port.onRequest(event);
          } else {
            answerForNoOne(event);
          }
        }

        @Override
        public void processResponse(ResponseEvent event) {
          ClientTransaction ct = event.getClientTransaction();
          if (ct == null) {
            ackAgain(event);
          } else if (ct.getApplicationData() instanceof JainSipPort.Outcome outcome) {
            outcome.onResponse(event);
          }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
          if (!event.isServerTransaction()
              && event.getClientTransaction().getApplicationData()
                  instanceof JainSipPort.Outcome outcome) {
            outcome.onTimeout();
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
