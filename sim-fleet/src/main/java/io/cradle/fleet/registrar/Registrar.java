package io.cradle.fleet.registrar;

import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.SipException;
import io.cradle.cpe.sip.Transport;
import io.cradle.cpe.sip.jain.JulStackLogger;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import io.cradle.cwmp.auth.Verification;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The fleet's own SIP registrar and stateful proxy, for runs that bring no SIP server: one JAIN-SIP
 * stack listening on UDP and TCP at one address.
 *
 * <ul>
 *   <li>REGISTER: MD5 digest ({@code qop=auth}) against the users' passwords; a wrong password gets
 *       403 (so the phone's 401 loop ends and its line shows Error), a user not in the plan 404.
 *       Bindings expire as granted (at most {@value #MAX_EXPIRES} s).
 *   <li>Requests outside a dialog (INVITE, MESSAGE, REFER, NOTIFY, OPTIONS to a user…) go to the
 *       Contact the user registered last: 404 for a user not in the plan, 480 for one not
 *       registered. CANCEL follows its INVITE.
 *   <li>No Record-Route between phones of one transport: in-dialog requests (ACK of a 2xx, BYE,
 *       re-INVITE, in-dialog REFER and NOTIFY) go from phone to phone, so a call costs the
 *       registrar one INVITE transaction, and 100 calls of a fleet leave it idle while they talk.
 *       Between a UDP and a TCP phone it record-routes twice (RFC 5658), once per transport: a
 *       phone's SIP stack sends a dialog's requests only on the transport it began on. An in-dialog
 *       request that reaches it is forwarded to its Request-URI.
 * </ul>
 *
 * <p>Calls are not authenticated: the registrar serves a loopback simulation, where the digest on
 * REGISTER is what the phones' provisioning is tested against.
 */
public final class Registrar implements AutoCloseable {

  /** The longest binding granted (the WP820's default Register Expiration is 3600 s too). */
  public static final int MAX_EXPIRES = 3600;

  /** The digest realm, as phones see it in the challenge. */
  public static final String REALM = "cradle";

  private static final Logger LOG = Logger.getLogger(Registrar.class.getName());
  private static final AtomicInteger STACKS = new AtomicInteger();

  /** Threads per UDP listening point that run datagrams through the stack. */
  private static final int UDP_WORKERS = 4;

  private final HostPort address;
  private final Function<String, Optional<String>> passwordOf;
  private final Clock clock;
  private final Bindings bindings;
  private final DigestServer digest;
  private final NonceIssuer nonces;
  private final SipStack stack;
  private final AddressFactory addressFactory;
  private final HeaderFactory headers;
  private final MessageFactory messages;
  private final Map<Transport, SipProvider> providers = new EnumMap<>(Transport.class);

  /** INVITEs forwarded and not answered finally yet, by their branch: where a CANCEL goes. */
  private final Map<String, ClientTransaction> pendingInvites = new ConcurrentHashMap<>();

  private final String branchPrefix;
  private final AtomicLong branches = new AtomicLong();
  private final LongAdder registered = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder forwarded = new LongAdder();

  private Registrar(
      HostPort address, Function<String, Optional<String>> passwordOf, Clock clock, SipStack stack)
      throws javax.sip.PeerUnavailableException {
    this.address = address;
    this.passwordOf = passwordOf;
    this.clock = clock;
    this.bindings = new Bindings(clock);
    byte[] secret = new byte[32];
    SecureRandom random = new SecureRandom();
    random.nextBytes(secret);
    this.nonces = new NonceIssuer(secret, Duration.ofMinutes(5), clock);
    this.digest = new DigestServer(REALM, nonces);
    this.branchPrefix = "z9hG4bK" + HexFormat.of().toHexDigits(random.nextInt()) + ".";
    this.stack = stack;
    SipFactory factory = SipFactory.getInstance();
    this.addressFactory = factory.createAddressFactory();
    this.headers = factory.createHeaderFactory();
    this.messages = factory.createMessageFactory();
  }

  /**
   * Starts a registrar listening on UDP and TCP at {@code address}.
   *
   * @param passwordOf the SIP password of a user (an extension of the fleet's account plan), empty
   *     for a user the registrar does not serve
   * @throws SipException if the address cannot be bound
   */
  public static Registrar start(
      HostPort address, Function<String, Optional<String>> passwordOf, Clock clock) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "cradle-registrar-" + STACKS.incrementAndGet());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "4");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    // A proxy keeps no dialogs: the phones at both ends do.
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(UDP_WORKERS));
    // The listener keeps no state between events but the concurrent maps: let events run at once.
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
    SipStack stack = null;
    try {
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      stack = factory.createSipStack(p);
      Registrar registrar = new Registrar(address, passwordOf, clock, stack);
      for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
        ListeningPoint lp = stack.createListeningPoint(address.host(), address.port(), t.token());
        SipProvider provider = stack.createSipProvider(lp);
        provider.addSipListener(registrar.listener);
        registrar.providers.put(t, provider);
      }
      stack.start();
      return registrar;
    } catch (javax.sip.SipException
        | InvalidArgumentException
        | java.util.TooManyListenersException e) {
      if (stack != null) {
        stack.stop();
      }
      throw new SipException(
          "cannot start the SIP registrar on " + address + ": " + e.getMessage(), e);
    }
  }

  /** Where the registrar listens (UDP and TCP): the phones' SIP server. */
  public HostPort address() {
    return address;
  }

  /** Live bindings of all users. */
  public int bindingCount() {
    return bindings.count();
  }

  /** Whether {@code user} has a live binding. */
  public boolean isRegistered(String user) {
    return bindings.target(user).isPresent();
  }

  /**
   * What the registrar did so far.
   *
   * @param registered REGISTERs accepted (first registrations, refreshes and removals)
   * @param refused REGISTERs refused for good: unknown user, wrong password, malformed credentials
   * @param forwarded requests sent on to a phone
   */
  public record Counts(long registered, long refused, long forwarded) {}

  public Counts counts() {
    return new Counts(registered.sum(), refused.sum(), forwarded.sum());
  }

  @Override
  public void close() {
    stack.stop();
  }

  // ---- REGISTER

  private void register(ServerTransaction st, Request request)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    URI aor = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
    String user = aor instanceof SipURI sip ? sip.getUser() : null;
    Optional<String> password = user == null ? Optional.empty() : passwordOf.apply(user);
    if (password.isEmpty()) {
      refused.increment();
      reply(st, request, Response.NOT_FOUND);
      return;
    }
    Header authorization = request.getHeader("Authorization");
    if (authorization == null) {
      challenge(st, request, false);
      return;
    }
    String credentials = valueOf(authorization);
    Verification v =
        digest.verify(
            Request.REGISTER,
            request.getRequestURI().toString(),
            credentials,
            u -> u.equals(user) ? password : Optional.empty());
    switch (v.outcome()) {
      case OK -> {
        registered.increment();
        bind(st, request, user);
      }
      case STALE -> challenge(st, request, true);
      case MALFORMED -> {
        refused.increment();
        reply(st, request, Response.BAD_REQUEST);
      }
      case BAD_CREDENTIALS -> {
        if (nonceForged(credentials)) {
          challenge(st, request, false); // not our nonce (a registrar restarted): ask again
        } else {
          refused.increment();
          LOG.fine(() -> "REGISTER of " + user + " refused: " + v.reason());
          reply(st, request, Response.FORBIDDEN);
        }
      }
    }
  }

  private boolean nonceForged(String credentials) {
    return io.cradle.cwmp.auth.DigestResponse.parse(credentials)
        .map(r -> nonces.check(r.nonce()) == NonceIssuer.Validity.FORGED)
        .orElse(true);
  }

  private void challenge(ServerTransaction st, Request request, boolean stale)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    Response response = messages.createResponse(Response.UNAUTHORIZED, request);
    response.addHeader(
        headers.createHeader("WWW-Authenticate", digest.challenge(stale).toHeader()));
    st.sendResponse(response);
  }

  /** Applies the REGISTER's Contacts and answers with the user's bindings (RFC 3261 §10.3). */
  private void bind(ServerTransaction st, Request request, String user)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    ExpiresHeader expiresHeader = request.getExpires();
    int defaultExpires = expiresHeader == null ? MAX_EXPIRES : expiresHeader.getExpires();
    ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
    while (contacts.hasNext()) {
      ContactHeader contact = (ContactHeader) contacts.next();
      if (contact.isWildCard()) {
        bindings.clear(user);
        continue;
      }
      int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
      bindings.bind(
          user,
          contact.getAddress().getURI().toString(),
          Duration.ofSeconds(Math.min(expires, MAX_EXPIRES)));
    }
    Response ok = messages.createResponse(Response.OK, request);
    long now = clock.millis();
    for (Bindings.Binding b : bindings.of(user)) {
      ContactHeader c = headers.createContactHeader(addressFactory.createAddress(b.contact()));
      c.setExpires((int) Math.max(1, (b.expires().toEpochMilli() - now + 999) / 1000));
      ok.addHeader(c);
    }
    st.sendResponse(ok);
  }

  // ---- proxying

  /**
   * Sends a request on to its phone: outside a dialog to the Contact its Request-URI's user
   * registered, inside one (a To tag) to its Request-URI as it is.
   */
  private void forward(ServerTransaction st, Request request, SipProvider inbound)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    Request out = (Request) request.clone();
    dropOurRoute(out);
    if (!decrementMaxForwards(out)) {
      reply(st, request, Response.TOO_MANY_HOPS);
      return;
    }
    boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    if (!inDialog) {
      String user =
          request.getRequestURI() instanceof SipURI sip && sip.getUser() != null
              ? sip.getUser()
              : null;
      if (user == null) {
        // Addressed to the registrar itself: a keep-alive OPTIONS, or a request we do not serve.
        reply(
            st,
            request,
            Request.OPTIONS.equals(request.getMethod()) ? Response.OK : Response.NOT_FOUND);
        return;
      }
      if (passwordOf.apply(user).isEmpty()) {
        reply(st, request, Response.NOT_FOUND);
        return;
      }
      Optional<String> target = bindings.target(user);
      if (target.isEmpty()) {
        reply(st, request, Response.TEMPORARILY_UNAVAILABLE);
        return;
      }
      out.setRequestURI(addressFactory.createURI(target.get()));
    }
    SipProvider provider = providerFor(out.getRequestURI());
    if (!inDialog && provider != inbound) {
      // Top first: the callee reads the route set from the top, the caller from the bottom.
      out.addFirst(recordRoute(inbound));
      out.addFirst(recordRoute(provider));
    }
    out.addFirst(via(provider));
    if (Request.INVITE.equals(request.getMethod())) {
      reply(st, request, Response.TRYING);
    }
    ClientTransaction ct = provider.getNewClientTransaction(out);
    ct.setApplicationData(st);
    boolean invite = Request.INVITE.equals(request.getMethod());
    if (invite) {
      pendingInvites.put(st.getBranchId(), ct);
    }
    try {
      ct.sendRequest();
      forwarded.increment();
    } catch (javax.sip.SipException e) {
      pendingInvites.remove(st.getBranchId());
      LOG.log(Level.FINE, "cannot reach " + out.getRequestURI(), e);
      reply(st, request, Response.SERVICE_UNAVAILABLE);
    }
  }

  /** An ACK of a 2xx that came our way: passed on to its Request-URI without a transaction. */
  private void forwardAck(Request ack) {
    try {
      Request out = (Request) ack.clone();
      dropOurRoute(out);
      if (!decrementMaxForwards(out) || isUs(out.getRequestURI())) {
        return;
      }
      SipProvider provider = providerFor(out.getRequestURI());
      out.addFirst(via(provider));
      provider.sendRequest(out);
    } catch (ParseException | javax.sip.SipException | InvalidArgumentException e) {
      LOG.log(Level.FINE, "cannot pass on an ACK", e);
    }
  }

  /** A CANCEL: answered at once, and sent on after its INVITE if that is still ringing. */
  private void cancel(ServerTransaction st, Request cancel)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    ClientTransaction invite = pendingInvites.get(st.getBranchId());
    if (invite == null) {
      reply(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    reply(st, cancel, Response.OK);
    // Not before the callee answered with a provisional response: it would not know the INVITE.
    if (invite.getState() == TransactionState.PROCEEDING) {
      SipProvider provider = providerFor(invite.getRequest().getRequestURI());
      provider.getNewClientTransaction(invite.createCancel()).sendRequest();
    }
  }

  private void onResponse(ResponseEvent event) {
    Response response = event.getResponse();
    int status = response.getStatusCode();
    if (status == Response.TRYING) {
      return; // hop by hop: we sent our own
    }
    Response out = (Response) response.clone();
    out.removeFirst(ViaHeader.NAME);
    ClientTransaction ct = event.getClientTransaction();
    try {
      if (ct == null) {
        // A 2xx to an INVITE retransmitted after its transaction ended: the caller's ACK was lost.
        ViaHeader next = (ViaHeader) out.getHeader(ViaHeader.NAME);
        if (next != null) {
          providerFor(next.getTransport()).sendResponse(out);
        }
        return;
      }
      if (!(ct.getApplicationData() instanceof ServerTransaction st)) {
        return; // the answer to a CANCEL we sent on: hop by hop, ours was sent already
      }
      if (status >= 200) {
        pendingInvites.remove(st.getBranchId(), ct);
      }
      st.sendResponse(out);
    } catch (javax.sip.SipException | InvalidArgumentException e) {
      LOG.log(Level.FINE, "cannot pass on a " + status, e);
    }
  }

  private void onTimeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      return;
    }
    ClientTransaction ct = event.getClientTransaction();
    if (ct.getApplicationData() instanceof ServerTransaction st) {
      pendingInvites.remove(st.getBranchId(), ct);
      if (st.getState() == TransactionState.TRYING
          || st.getState() == TransactionState.PROCEEDING) {
        try {
          reply(st, st.getRequest(), Response.REQUEST_TIMEOUT);
        } catch (ParseException | javax.sip.SipException | InvalidArgumentException e) {
          LOG.log(Level.FINE, "cannot answer a timed-out request", e);
        }
      }
    }
  }

  // ---- helpers

  private void reply(ServerTransaction st, Request request, int status)
      throws ParseException, javax.sip.SipException, InvalidArgumentException {
    st.sendResponse(messages.createResponse(status, request));
  }

  /**
   * Removes the top Routes that name us (loose routing): the phone's outbound proxy setting, or our
   * two Record-Routes between transports.
   */
  private void dropOurRoute(Request request) {
    RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
    while (route != null && isUs(route.getAddress().getURI())) {
      request.removeFirst(RouteHeader.NAME);
      route = (RouteHeader) request.getHeader(RouteHeader.NAME);
    }
  }

  private RecordRouteHeader recordRoute(SipProvider provider) throws ParseException {
    ListeningPoint lp = provider.getListeningPoint();
    SipURI uri = addressFactory.createSipURI(null, lp.getIPAddress());
    uri.setPort(lp.getPort());
    uri.setLrParam();
    if (!"udp".equalsIgnoreCase(lp.getTransport())) {
      uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
    }
    return headers.createRecordRouteHeader(addressFactory.createAddress(uri));
  }

  private boolean isUs(URI uri) {
    return uri instanceof SipURI sip
        && sip.getUser() == null
        && address.host().equals(sip.getHost())
        && address.port() == (sip.getPort() > 0 ? sip.getPort() : HostPort.DEFAULT_PORT);
  }

  /**
   * @return false when the request has used up its hops
   */
  private static boolean decrementMaxForwards(Request request) throws InvalidArgumentException {
    MaxForwardsHeader hops = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (hops == null) {
      return true;
    }
    if (hops.getMaxForwards() <= 0) {
      return false;
    }
    hops.setMaxForwards(hops.getMaxForwards() - 1);
    return true;
  }

  private ViaHeader via(SipProvider provider) throws ParseException, InvalidArgumentException {
    ListeningPoint lp = provider.getListeningPoint();
    return headers.createViaHeader(
        lp.getIPAddress(),
        lp.getPort(),
        lp.getTransport(),
        branchPrefix + Long.toString(branches.incrementAndGet(), 36));
  }

  private SipProvider providerFor(URI target) {
    String transport = target instanceof SipURI sip ? sip.getTransportParam() : null;
    return providerFor(transport);
  }

  private SipProvider providerFor(String transport) {
    return "tcp".equalsIgnoreCase(transport)
        ? providers.get(Transport.TCP)
        : providers.get(Transport.UDP);
  }

  /** A header's value: its text after the name and colon. */
  private static String valueOf(Header header) {
    String text = header.toString();
    return text.substring(text.indexOf(':') + 1).strip();
  }

  private final SipListener listener =
      new SipListener() {
        @Override
        public void processRequest(RequestEvent event) {
          Request request = event.getRequest();
          String method = request.getMethod();
          if (Request.ACK.equals(method)) {
            forwardAck(request);
            return;
          }
          try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
              st = ((SipProvider) event.getSource()).getNewServerTransaction(request);
            }
            switch (method.toUpperCase(Locale.ROOT)) {
              case Request.REGISTER -> register(st, request);
              case Request.CANCEL -> cancel(st, request);
              default -> forward(st, request, (SipProvider) event.getSource());
            }
          } catch (javax.sip.TransactionAlreadyExistsException retransmission) {
            // The stack answers retransmissions from the transaction itself.
          } catch (ParseException | javax.sip.SipException | InvalidArgumentException e) {
            LOG.log(Level.FINE, "cannot handle a " + method, e);
          }
        }

        @Override
        public void processResponse(ResponseEvent event) {
          onResponse(event);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
          onTimeout(event);
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
          // Reported per transaction as a timeout.
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {}

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {}
      };
}
