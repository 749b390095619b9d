package io.cradle.cpe.sip.jain;

import io.cradle.cpe.sip.DialogId;
import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.SipPort;
import io.cradle.cpe.sip.Transport;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One phone's SIP address on the shared stack: a ListeningPoint and its SipProvider. Turns the
 * state machines' requests into JAIN-SIP messages and JAIN-SIP events back into {@link SipPort}
 * callbacks, which it runs on the phone's executor.
 */
final class JainSipPort implements SipPort {

  private static final Logger LOG = Logger.getLogger(JainSipPort.class.getName());

  private final JainSipHost host;
  private final SipProvider provider;
  private final HostPort local;

  /**
   * This port's {@code cradle} Contact URI parameter on a shared listening point, by which the host
   * routes requests to it; null when the port has its listening point to itself.
   */
  private final String key;

  private final Transport transport;
  private final Executor deliver;

  /** Incoming INVITEs by Call-ID, until their dialog ends. */
  private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();

  /** REFERs we sent that the peer accepted, by Call-ID: its NOTIFYs report their progress. */
  private final Map<String, ReferListener> refers = new ConcurrentHashMap<>();

  /** Dialog listeners of established calls, ours and the peer's, by Call-ID. */
  private final Map<String, DialogListener> dialogs = new ConcurrentHashMap<>();

  /** Subscriptions the notifier accepted, by Call-ID: their refreshes go in these dialogs. */
  private final Map<String, Dialog> subscriptions = new ConcurrentHashMap<>();

  private volatile IncomingInviteHandler handler;
  private volatile IncomingRequestHandler requestHandler;

  JainSipPort(
      JainSipHost host,
      SipProvider provider,
      String key,
      HostPort local,
      Transport transport,
      Executor deliver) {
    this.host = host;
    this.provider = provider;
    this.key = key;
    this.local = local;
    this.transport = transport;
    this.deliver = deliver;
  }

  /** The provider this port sends through. */
  SipProvider provider() {
    return provider;
  }

  /**
   * The {@code cradle} parameter in this port's Contact, or null on a listening point of its own.
   */
  String key() {
    return key;
  }

  @Override
  public HostPort localAddress() {
    return local;
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public void onIncomingInvite(IncomingInviteHandler handler) {
    this.handler = handler;
  }

  @Override
  public void onIncomingRequest(IncomingRequestHandler handler) {
    this.requestHandler = handler;
  }

  @Override
  public void close() {
    host.closed(this);
  }

  // ---------------------------------------------------------------- other requests we send

  /** RFC 3891: names the dialog an INVITE replaces. */
  private static final String REPLACES = "Replaces";

  /** The Call-ID and tags of an established dialog, null before one exists. */
  private static DialogId dialogId(Dialog dialog) {
    if (dialog == null || dialog.getLocalTag() == null || dialog.getRemoteTag() == null) {
      return null;
    }
    return new DialogId(
        dialog.getCallId().getCallId(), dialog.getLocalTag(), dialog.getRemoteTag());
  }

  /** Where a SIP URI points (default port if none), or null for other URIs. */
  private static HostPort addressOf(URI target) {
    if (target instanceof SipURI sip) {
      return new HostPort(sip.getHost(), sip.getPort() > 0 ? sip.getPort() : HostPort.DEFAULT_PORT);
    }
    return null;
  }

  /** The credentials a 401 (Authorization) or 407 (Proxy-Authorization) asked for, if any. */
  private void authorize(Request request, String authorization, boolean proxy)
      throws ParseException {
    if (authorization != null) {
      request.addHeader(
          host.headers.createHeader(
              proxy ? "Proxy-Authorization" : "Authorization", authorization));
    }
  }

  @Override
  public void send(OutOfDialogRequest r, ResponseListener listener) {
    try {
      URI target = host.addresses.createURI(r.target());
      HostPort targetAddress = addressOf(target);
      Request request =
          request(
              r.method(),
              target,
              address(r.user(), r.domain(), null),
              r.fromTag(),
              host.addresses.createAddress(target),
              r.callId(),
              r.cseq(),
              r.nextHop(),
              targetAddress,
              r.userAgent());
      request.addHeader(contact(r.user()));
      authorize(request, r.authorization(), r.proxyAuthorization());
      if (r.contentType() != null) {
        String[] type = r.contentType().split("/", 2);
        request.setContent(r.body(), host.headers.createContentTypeHeader(type[0], type[1]));
      }
      ClientTransaction ct = provider.getNewClientTransaction(request);
      ct.setApplicationData(new FinalOutcome(listener));
      ct.sendRequest();
    } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
      deliver.execute(
          () -> listener.onNoResponse("cannot send " + r.method() + ": " + e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- SUBSCRIBE

  @Override
  public void subscribe(SubscribeRequest r, ResponseListener listener) {
    try {
      Dialog dialog = subscriptions.get(r.callId());
      Request request;
      if (dialog != null) {
        request = dialog.createRequest(Request.SUBSCRIBE);
        request.setHeader(host.headers.createHeader("User-Agent", r.userAgent()));
      } else {
        URI target = host.addresses.createURI(r.target());
        request =
            request(
                Request.SUBSCRIBE,
                target,
                address(r.user(), r.domain(), null),
                r.fromTag(),
                host.addresses.createAddress(target),
                r.callId(),
                r.cseq(),
                r.nextHop(),
                addressOf(target),
                r.userAgent());
      }
      request.setHeader(contact(r.user()));
      request.setHeader(host.headers.createEventHeader(r.event()));
      String[] type = r.accept().split("/", 2);
      request.setHeader(host.headers.createAcceptHeader(type[0], type[1]));
      request.setHeader(host.headers.createExpiresHeader(r.expires()));
      authorize(request, r.authorization(), r.proxyAuthorization());
      ClientTransaction ct = provider.getNewClientTransaction(request);
      FinalOutcome outcome = new FinalOutcome(listener);
      ct.setApplicationData(
          new Outcome() {
            @Override
            public void onResponse(ResponseEvent event) {
              int status = event.getResponse().getStatusCode();
              if (status >= 200 && status < 300 && r.expires() > 0 && event.getDialog() != null) {
                subscriptions.put(r.callId(), event.getDialog());
              } else if (status >= 200) {
                subscriptions.remove(r.callId());
              }
              outcome.onResponse(event);
            }

            @Override
            public void onTimeout() {
              subscriptions.remove(r.callId());
              outcome.onTimeout();
            }
          });
      if (dialog != null) {
        dialog.sendRequest(ct);
      } else {
        ct.sendRequest();
      }
    } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
      subscriptions.remove(r.callId());
      deliver.execute(() -> listener.onNoResponse("cannot send SUBSCRIBE: " + e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- REGISTER

  @Override
  public void register(RegisterRequest r, ResponseListener listener) {
    try {
      SipURI requestUri = host.addresses.createSipURI(null, r.registrar().host());
      requestUri.setPort(r.registrar().port());
      Address aor = address(r.user(), r.domain(), r.displayName());
      Request request =
          request(
              Request.REGISTER,
              requestUri,
              aor,
              r.fromTag(),
              aor,
              r.callId(),
              r.cseq(),
              r.nextHop(),
              r.registrar(),
              r.userAgent());
      ContactHeader contact;
      if (r.wildcard()) {
        contact = host.headers.createContactHeader();
        contact.setWildCard();
      } else {
        contact = contact(r.user());
      }
      request.addHeader(contact);
      request.addHeader(host.headers.createExpiresHeader(r.expires()));
      authorize(request, r.authorization(), r.proxyAuthorization());
      ClientTransaction ct = provider.getNewClientTransaction(request);
      ct.setApplicationData(new FinalOutcome(listener));
      ct.sendRequest();
    } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
      deliver.execute(() -> listener.onNoResponse("cannot send REGISTER: " + e.getMessage()));
    }
  }

  /** Waits for the final response of a non-INVITE request. */
  private final class FinalOutcome implements Outcome {
    private final ResponseListener listener;

    FinalOutcome(ResponseListener listener) {
      this.listener = listener;
    }

    @Override
    public void onResponse(ResponseEvent event) {
      Response response = event.getResponse();
      if (response.getStatusCode() < 200) {
        return;
      }
      SipResponse mapped = map(response);
      deliver.execute(() -> listener.onResponse(mapped));
    }

    @Override
    public void onTimeout() {
      deliver.execute(() -> listener.onNoResponse("no answer (Timer F)"));
    }
  }

  // ---------------------------------------------------------------- INVITE we send

  @Override
  public OutgoingInvite invite(InviteRequest r, InviteListener listener) {
    Outgoing out =
        new Outgoing(
            listener,
            io.cradle.cpe.sip.OptionTags.has(
                r.headers().get("Supported"), io.cradle.cpe.sip.OptionTags.RELIABLE_PROVISIONALS));
    try {
      URI target = host.addresses.createURI(r.target());
      HostPort targetAddress = addressOf(target);
      Request request =
          request(
              Request.INVITE,
              target,
              address(r.user(), r.domain(), r.displayName()),
              r.fromTag(),
              host.addresses.createAddress(target),
              r.callId(),
              r.cseq(),
              r.nextHop(),
              targetAddress,
              r.userAgent());
      request.addHeader(contact(r.user()));
      authorize(request, r.authorization(), r.proxyAuthorization());
      if (r.replaces() != null) {
        request.addHeader(host.headers.createHeader(REPLACES, r.replaces()));
      }
      addHeaders(request, r.headers());
      request.setContent(r.sdp(), host.headers.createContentTypeHeader("application", "sdp"));
      ClientTransaction ct = provider.getNewClientTransaction(request);
      out.transaction = ct;
      ct.setApplicationData(out);
      dialogs.put(r.callId(), listener);
      ct.sendRequest();
    } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
      dialogs.remove(r.callId());
      deliver.execute(() -> listener.onNoResponse("cannot send INVITE: " + e.getMessage()));
    }
    return out;
  }

  private final class Outgoing implements Outcome, OutgoingInvite {
    private final InviteListener listener;
    private final boolean offered100rel;
    volatile ClientTransaction transaction;
    private boolean provisional;
    private boolean cancelWanted;
    private boolean finished;

    /**
     * @param offered100rel the INVITE said Supported: 100rel, so reliable 18x get a PRACK
     */
    Outgoing(InviteListener listener, boolean offered100rel) {
      this.listener = listener;
      this.offered100rel = offered100rel;
    }

    @Override
    public void onResponse(ResponseEvent event) {
      Response response = event.getResponse();
      int status = response.getStatusCode();
      if (status < 200) {
        if (offered100rel && status > 100 && reliable(response)) {
          prack(event);
        }
        boolean cancelNow;
        synchronized (this) {
          provisional = true;
          cancelNow = cancelWanted && !finished;
        }
        if (cancelNow) {
          sendCancel();
        }
        deliver.execute(() -> listener.onProvisional(status));
        return;
      }
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
      }
      if (status < 300) {
        Dialog dialog = event.getDialog();
        try {
          CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
          dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        } catch (javax.sip.SipException | InvalidArgumentException e) {
          LOG.log(Level.WARNING, "cannot ACK a 2xx on " + local, e);
        }
        String sdp = body(response);
        Map<String, String> headers = extensionHeaders(response);
        deliver.execute(() -> listener.onAnswered(sdp, headers));
      } else {
        dialogs.remove(callId(response));
        SipResponse mapped = map(response);
        deliver.execute(() -> listener.onFailed(mapped));
      }
    }

    @Override
    public void onTimeout() {
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
      }
      ClientTransaction ct = transaction;
      if (ct != null) {
        dialogs.remove(callId(ct.getRequest()));
      }
      deliver.execute(() -> listener.onNoResponse("no answer (Timer B)"));
    }

    @Override
    public void cancel() {
      boolean now;
      synchronized (this) {
        if (finished) {
          return;
        }
        // RFC 3261 §9.1: no CANCEL before a provisional response; send it when one comes.
        cancelWanted = true;
        now = provisional;
      }
      if (now) {
        sendCancel();
      }
    }

    private void sendCancel() {
      try {
        Request cancel = transaction.createCancel();
        provider.getNewClientTransaction(cancel).sendRequest();
      } catch (javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot CANCEL on " + local, e);
      }
    }

    @Override
    public void bye() {
      ClientTransaction ct = transaction;
      if (ct != null) {
        sendBye(ct.getDialog());
      }
    }

    @Override
    public void reinvite(String sdp, Map<String, String> headers, ReinviteListener listener) {
      ClientTransaction ct = transaction;
      sendReinvite(ct == null ? null : ct.getDialog(), sdp, headers, listener);
    }

    @Override
    public void refer(String referTo, ReferListener listener) {
      ClientTransaction ct = transaction;
      sendRefer(ct == null ? null : ct.getDialog(), referTo, listener);
    }

    @Override
    public DialogId dialogId() {
      ClientTransaction ct = transaction;
      return ct == null ? null : JainSipPort.dialogId(ct.getDialog());
    }
  }

  /** Whether a provisional response asks for PRACK: Require: 100rel and an RSeq (RFC 3262). */
  private static boolean reliable(Response response) {
    return io.cradle.cpe.sip.OptionTags.has(
            values(response, "Require"), io.cradle.cpe.sip.OptionTags.RELIABLE_PROVISIONALS)
        && response.getHeader("RSeq") != null;
  }

  /** Acknowledges a reliable provisional response with PRACK in its early dialog (RFC 3262 §4). */
  private void prack(ResponseEvent event) {
    Dialog dialog = event.getDialog();
    if (dialog == null) {
      LOG.warning(
          "a reliable " + event.getResponse().getStatusCode() + " without a dialog on " + local);
      return;
    }
    try {
      Request prack = dialog.createPrack(event.getResponse());
      dialog.sendRequest(provider.getNewClientTransaction(prack));
    } catch (javax.sip.SipException e) {
      LOG.log(Level.WARNING, "cannot PRACK on " + local, e);
    }
  }

  // ---------------------------------------------------------------- requests we receive

  void onRequest(RequestEvent event) {
    Request request = event.getRequest();
    String method = request.getMethod();
    try {
      switch (method) {
        case Request.INVITE:
          onInvite(event);
          break;
        case Request.ACK:
          break;
        case Request.BYE:
          respond(event, Response.OK);
          DialogListener dialog = dialogs.remove(callId(request));
          incoming.remove(callId(request));
          if (dialog != null) {
            deliver.execute(dialog::onRemoteBye);
          }
          break;
        case Request.CANCEL:
          onCancel(event);
          break;
        case Request.REFER:
          onRefer(event);
          break;
        case Request.OPTIONS:
          respond(event, Response.OK);
          break;
        case Request.PRACK:
          // For our reliable 180: the stack matched its RAck; the answer may go now.
          respond(event, Response.OK);
          Incoming ringing = incoming.get(callId(request));
          if (ringing != null) {
            ringing.pracked();
          }
          break;
        default:
          if (Request.NOTIFY.equals(method) && refers.containsKey(callId(request))) {
            onReferNotify(event);
            break;
          }
          IncomingRequestHandler h = requestHandler;
          boolean inDialog = event.getDialog() != null && event.getDialog().getState() != null;
          // A subscription's NOTIFYs come in its dialog; MWI also comes unsolicited, outside one.
          if (h == null || inDialog && !isMessageSummary(request)) {
            respond(event, Response.METHOD_NOT_ALLOWED);
          } else {
            Received received = new Received(serverTransaction(event), request);
            deliver.execute(() -> h.onRequest(received));
          }
      }
    } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
      LOG.log(Level.WARNING, "cannot answer a " + method + " on " + local, e);
    }
  }

  private void onInvite(RequestEvent event)
      throws javax.sip.SipException, ParseException, InvalidArgumentException {
    Request request = event.getRequest();
    ServerTransaction st = event.getServerTransaction();
    if (st == null) {
      st = provider.getNewServerTransaction(request);
    }
    if (st.getDialog() != null && st.getDialog().getState() != null) {
      DialogListener listener = dialogs.get(callId(request));
      Reinvite reinvite = new Reinvite(st, request);
      if (listener == null) {
        reinvite.reject(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      } else {
        deliver.execute(() -> listener.onReinvite(reinvite));
      }
      return;
    }
    IncomingInviteHandler h = handler;
    Incoming call = new Incoming(st, request);
    try {
      call.replaces();
    } catch (IllegalArgumentException e) {
      call.reject(Response.BAD_REQUEST, "Bad Replaces");
      return;
    }
    if (h == null) {
      call.reject(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable");
      return;
    }
    incoming.put(call.callId(), call);
    deliver.execute(
        () -> {
          DialogListener listener = h.onInvite(call);
          if (listener == null) {
            return;
          }
          if (call.wasCancelled()) {
            // The CANCEL was answered while the phone took the INVITE: tell it now.
            listener.onCancelled();
          } else if (!call.rejected()) {
            dialogs.put(call.callId(), listener);
          }
        });
  }

  private void onRefer(RequestEvent event)
      throws javax.sip.SipException, ParseException, InvalidArgumentException {
    Request request = event.getRequest();
    DialogListener listener = dialogs.get(callId(request));
    javax.sip.header.ReferToHeader referTo =
        (javax.sip.header.ReferToHeader) request.getHeader(javax.sip.header.ReferToHeader.NAME);
    IncomingRequestHandler unsolicited = requestHandler;
    boolean outsideDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
    if (outsideDialog && unsolicited != null) {
      // A click-to-dial server's REFER: the user agent decides by Allow Unsolicited REFER.
      Received received = new Received(serverTransaction(event), request);
      deliver.execute(() -> unsolicited.onRequest(received));
      return;
    }
    if (listener == null || event.getDialog() == null) {
      respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    if (referTo == null) {
      respond(event, Response.BAD_REQUEST);
      return;
    }
    ServerTransaction st = serverTransaction(event);
    Refer refer =
        new Refer(st, request, event.getDialog(), referTo.getAddress().getURI().toString());
    deliver.execute(() -> listener.onRefer(refer));
  }

  /** The peer's NOTIFY about a REFER we sent: its sipfrag's status line is the progress. */
  private void onReferNotify(RequestEvent event)
      throws javax.sip.SipException, ParseException, InvalidArgumentException {
    respond(event, Response.OK);
    String callId = callId(event.getRequest());
    String fragment = body(event.getRequest()).strip();
    int status;
    try {
      status = Integer.parseInt(fragment.split("\\s+")[1]);
    } catch (RuntimeException unreadable) {
      return;
    }
    ReferListener listener = status >= 200 ? refers.remove(callId) : refers.get(callId);
    if (listener != null) {
      deliver.execute(() -> listener.onProgress(status));
    }
  }

  private void onCancel(RequestEvent event)
      throws javax.sip.SipException, ParseException, InvalidArgumentException {
    respond(event, Response.OK);
    String callId = callId(event.getRequest());
    Incoming call = incoming.get(callId);
    if (call != null && call.cancelled()) {
      incoming.remove(callId);
      // After the INVITE's delivery on the same executor: its listener is registered by then,
      // unless the INVITE task saw the cancellation itself (wasCancelled) and told it already.
      deliver.execute(
          () -> {
            DialogListener l = dialogs.remove(callId);
            if (l != null) {
              l.onCancelled();
            }
          });
    }
  }

  private void respond(RequestEvent event, int status)
      throws javax.sip.SipException, ParseException, InvalidArgumentException {
    ServerTransaction st = event.getServerTransaction();
    Response response = host.messages.createResponse(status, event.getRequest());
    if (st != null) {
      st.sendResponse(response);
    } else {
      provider.sendResponse(response);
    }
  }

  /** An INVITE a peer sent us, answered once by the phone's call state machine. */
  private final class Incoming implements IncomingInvite {
    private final ServerTransaction st;
    private final Request request;
    private final String toTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private boolean finalSent;
    private int finalStatus;

    /** A reliable 180 awaits its PRACK: a 200 waits too (RFC 3262 §3), in {@link #afterPrack}. */
    private boolean unacknowledged;

    private Runnable afterPrack;

    Incoming(ServerTransaction st, Request request) {
      this.st = st;
      this.request = request;
    }

    @Override
    public String from() {
      return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
    }

    @Override
    public String toUser() {
      return userOf(request.getRequestURI());
    }

    @Override
    public String callId() {
      return JainSipPort.callId(request);
    }

    @Override
    public String sdp() {
      return body(request);
    }

    @Override
    public String header(String name) {
      return values(request, name);
    }

    @Override
    public void ringing(boolean reliable) {
      if (!reliable) {
        send(Response.RINGING, null, null, false);
        return;
      }
      try {
        synchronized (this) {
          unacknowledged = true;
        }
        Response ringing = st.getDialog().createReliableProvisionalResponse(Response.RINGING);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(toTag);
        ringing.addHeader(contact(toUser()));
        st.getDialog().sendReliableProvisionalResponse(ringing);
      } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot send a reliable 180 on " + local, e);
      }
    }

    @Override
    public void answer(String sdp, Map<String, String> headers) {
      synchronized (this) {
        if (unacknowledged) {
          afterPrack = () -> send(Response.OK, null, sdp, true, null, headers);
          return;
        }
      }
      send(Response.OK, null, sdp, true, null, headers);
    }

    /** The caller acknowledged our reliable 180: a 200 held back goes now. */
    void pracked() {
      Runnable held;
      synchronized (this) {
        unacknowledged = false;
        held = afterPrack;
        afterPrack = null;
      }
      if (held != null) {
        held.run();
      }
    }

    @Override
    public void reject(int status, String reason, Map<String, String> headers) {
      send(status, reason, null, true, null, headers);
      incoming.remove(callId());
      dialogs.remove(callId());
    }

    @Override
    public void bye() {
      incoming.remove(callId());
      dialogs.remove(callId());
      sendBye(st.getDialog());
    }

    @Override
    public void redirect(String target) {
      send(Response.MOVED_TEMPORARILY, null, null, true, target, Map.of());
      incoming.remove(callId());
      dialogs.remove(callId());
    }

    @Override
    public void reinvite(String sdp, Map<String, String> headers, ReinviteListener listener) {
      sendReinvite(st.getDialog(), sdp, headers, listener);
    }

    @Override
    public void refer(String referTo, ReferListener listener) {
      sendRefer(st.getDialog(), referTo, listener);
    }

    @Override
    public DialogId dialogId() {
      return JainSipPort.dialogId(st.getDialog());
    }

    @Override
    public Optional<DialogId> replaces() {
      Header replaces = request.getHeader(REPLACES);
      if (replaces == null) {
        return Optional.empty();
      }
      String line = replaces.toString();
      return Optional.of(DialogId.fromReplaces(line.substring(line.indexOf(':') + 1)));
    }

    /** Whether a final failure was sent: no dialog follows. */
    synchronized boolean rejected() {
      return finalStatus >= 300;
    }

    /** Answers the INVITE 487 after a CANCEL; false if it was already answered. */
    boolean cancelled() {
      return send(Response.REQUEST_TERMINATED, null, null, true);
    }

    synchronized boolean wasCancelled() {
      return finalStatus == Response.REQUEST_TERMINATED;
    }

    private boolean send(int status, String reason, String sdp, boolean fin) {
      return send(status, reason, sdp, fin, null, Map.of());
    }

    /**
     * Sends a response with extension {@code headers}; {@code redirectTo}, when not null, is the
     * Contact of a 3xx.
     */
    private synchronized boolean send(
        int status,
        String reason,
        String sdp,
        boolean fin,
        String redirectTo,
        Map<String, String> headers) {
      if (finalSent) {
        return false;
      }
      try {
        Response response = host.messages.createResponse(status, request);
        if (reason != null) {
          response.setReasonPhrase(reason);
        }
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
        if (status < 300) {
          response.addHeader(contact(toUser()));
        } else if (redirectTo != null) {
          response.addHeader(
              host.headers.createContactHeader(
                  host.addresses.createAddress(host.addresses.createURI(redirectTo))));
        }
        addHeaders(response, headers);
        if (sdp != null) {
          response.setContent(sdp, host.headers.createContentTypeHeader("application", "sdp"));
        }
        st.sendResponse(response);
        if (fin) {
          finalSent = true;
          finalStatus = status;
        }
        return true;
      } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot send " + status + " on " + local, e);
        return false;
      }
    }
  }

  /**
   * The request's server transaction, new if need be; null when the stack will not make one (a
   * NOTIFY without Subscription-State, as servers send check-sync): then it is answered
   * statelessly.
   */
  private ServerTransaction serverTransaction(RequestEvent event) {
    if (event.getServerTransaction() != null) {
      return event.getServerTransaction();
    }
    try {
      return provider.getNewServerTransaction(event.getRequest());
    } catch (javax.sip.TransactionAlreadyExistsException
        | javax.sip.TransactionUnavailableException e) {
      return null;
    }
  }

  /** A request outside a dialog (MESSAGE, NOTIFY), answered once by the user agent. */
  private final class Received implements IncomingRequest {
    private final ServerTransaction st;
    private final Request request;
    private boolean answered;

    Received(ServerTransaction st, Request request) {
      this.st = st;
      this.request = request;
    }

    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    public String requestUri() {
      return request.getRequestURI().toString();
    }

    @Override
    public String toUser() {
      return userOf(request.getRequestURI());
    }

    @Override
    public String from() {
      return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
    }

    @Override
    public String header(String name) {
      return value(request.getHeader(name));
    }

    @Override
    public String body() {
      return JainSipPort.body(request);
    }

    @Override
    public void respond(int status, String reason) {
      send(status, reason, null);
    }

    @Override
    public void challenge(String wwwAuthenticate) {
      send(Response.UNAUTHORIZED, null, wwwAuthenticate);
    }

    private synchronized void send(int status, String reason, String wwwAuthenticate) {
      if (answered) {
        return;
      }
      answered = true;
      try {
        Response response = host.messages.createResponse(status, request);
        if (reason != null) {
          response.setReasonPhrase(reason);
        }
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
          to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        if (wwwAuthenticate != null) {
          response.addHeader(host.headers.createHeader("WWW-Authenticate", wwwAuthenticate));
        }
        if (st != null) {
          st.sendResponse(response);
        } else {
          provider.sendResponse(response);
        }
      } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot answer a " + method() + " " + status + " on " + local, e);
      }
    }
  }

  /** A re-INVITE the peer sent in an established dialog, answered once by the call. */
  private final class Reinvite implements IncomingReinvite {
    private final ServerTransaction st;
    private final Request request;
    private boolean answered;

    Reinvite(ServerTransaction st, Request request) {
      this.st = st;
      this.request = request;
    }

    @Override
    public String sdp() {
      return body(request);
    }

    @Override
    public String header(String name) {
      return values(request, name);
    }

    @Override
    public void accept(String sdp, Map<String, String> headers) {
      send(Response.OK, null, sdp, headers);
    }

    @Override
    public void reject(int status, String reason) {
      send(status, reason, null, Map.of());
    }

    private synchronized void send(
        int status, String reason, String sdp, Map<String, String> headers) {
      if (answered) {
        return;
      }
      answered = true;
      try {
        Response response = host.messages.createResponse(status, request);
        if (reason != null) {
          response.setReasonPhrase(reason);
        }
        if (status < 300) {
          response.addHeader(contact(userOf(request.getRequestURI())));
        }
        addHeaders(response, headers);
        if (sdp != null) {
          response.setContent(sdp, host.headers.createContentTypeHeader("application", "sdp"));
        }
        st.sendResponse(response);
      } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot answer a re-INVITE " + status + " on " + local, e);
      }
    }
  }

  /**
   * A REFER the peer sent in a dialog, answered once; then NOTIFYs with the transfer's progress.
   */
  private final class Refer implements IncomingRefer {
    private final ServerTransaction st;
    private final Request request;
    private final Dialog dialog;
    private final String referTo;
    private boolean answered;

    Refer(ServerTransaction st, Request request, Dialog dialog, String referTo) {
      this.st = st;
      this.request = request;
      this.dialog = dialog;
      this.referTo = referTo;
    }

    @Override
    public String referTo() {
      return referTo;
    }

    @Override
    public void accept() {
      answer(Response.ACCEPTED, null);
    }

    @Override
    public void reject(int status, String reason) {
      answer(status, reason);
    }

    private synchronized void answer(int status, String reason) {
      if (answered) {
        return;
      }
      answered = true;
      try {
        Response response = host.messages.createResponse(status, request);
        if (reason != null) {
          response.setReasonPhrase(reason);
        }
        if (st != null) {
          st.sendResponse(response);
        } else {
          provider.sendResponse(response);
        }
      } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot answer a REFER " + status + " on " + local, e);
      }
    }

    @Override
    public void notifyProgress(int status, String reason) {
      try {
        Request notify = dialog.createRequest(Request.NOTIFY);
        // A NOTIFY refreshes the peer's idea of our target (RFC 6665 §4.1.2.3): it must name this
        // port, or the transferor's BYE goes to the shared listening point and nowhere further.
        notify.setHeader(
            contact(
                userOf(((FromHeader) notify.getHeader(FromHeader.NAME)).getAddress().getURI())));
        notify.addHeader(host.headers.createEventHeader("refer"));
        notify.addHeader(
            host.headers.createSubscriptionStateHeader(
                status >= 200 ? "terminated;reason=noresource" : "active;expires=60"));
        notify.setContent(
            "SIP/2.0 " + status + " " + reason + "\r\n",
            host.headers.createContentTypeHeader("message", "sipfrag"));
        ClientTransaction ct = provider.getNewClientTransaction(notify);
        dialog.sendRequest(ct);
      } catch (ParseException | javax.sip.SipException e) {
        LOG.log(Level.WARNING, "cannot NOTIFY a REFER's progress on " + local, e);
      }
    }
  }

  /** Sends REFER in {@code dialog}; 202 and the peer's NOTIFYs reach {@code listener}. */
  private void sendRefer(Dialog dialog, String referTo, ReferListener listener) {
    if (dialog == null) {
      deliver.execute(
          () -> listener.onFailed(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "no dialog"));
      return;
    }
    try {
      Request refer = dialog.createRequest(Request.REFER);
      refer.addHeader(
          host.headers.createReferToHeader(
              host.addresses.createAddress(host.addresses.createURI(referTo))));
      refer.setHeader(
          contact(userOf(((FromHeader) refer.getHeader(FromHeader.NAME)).getAddress().getURI())));
      String callId = callId(refer);
      ClientTransaction ct = provider.getNewClientTransaction(refer);
      ct.setApplicationData(
          new Outcome() {
            @Override
            public void onResponse(ResponseEvent event) {
              int status = event.getResponse().getStatusCode();
              if (status < 200) {
                return;
              }
              if (status < 300) {
                refers.put(callId, listener);
                deliver.execute(listener::onAccepted);
              } else {
                String reason = event.getResponse().getReasonPhrase();
                deliver.execute(() -> listener.onFailed(status, reason));
              }
            }

            @Override
            public void onTimeout() {
              deliver.execute(() -> listener.onFailed(Response.REQUEST_TIMEOUT, "no answer"));
            }
          });
      dialog.sendRequest(ct);
    } catch (ParseException | javax.sip.SipException e) {
      deliver.execute(() -> listener.onFailed(Response.SERVER_INTERNAL_ERROR, e.getMessage()));
    }
  }

  /** Sends a re-INVITE in {@code dialog}; its outcome reaches {@code listener} on the executor. */
  private void sendReinvite(
      Dialog dialog, String sdp, Map<String, String> headers, ReinviteListener listener) {
    if (dialog == null) {
      deliver.execute(
          () -> listener.onFailed(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "no dialog"));
      return;
    }
    try {
      Request reinvite = dialog.createRequest(Request.INVITE);
      reinvite.setHeader(
          contact(
              userOf(((FromHeader) reinvite.getHeader(FromHeader.NAME)).getAddress().getURI())));
      addHeaders(reinvite, headers);
      reinvite.setContent(sdp, host.headers.createContentTypeHeader("application", "sdp"));
      ClientTransaction ct = provider.getNewClientTransaction(reinvite);
      ct.setApplicationData(
          new Outcome() {
            @Override
            public void onResponse(ResponseEvent event) {
              Response response = event.getResponse();
              int status = response.getStatusCode();
              if (status < 200) {
                return;
              }
              if (status < 300) {
                try {
                  CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
                  dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
                } catch (javax.sip.SipException | InvalidArgumentException e) {
                  LOG.log(Level.WARNING, "cannot ACK a re-INVITE's 2xx on " + local, e);
                }
                String answer = body(response);
                deliver.execute(() -> listener.onAnswered(answer));
              } else {
                String reason = response.getReasonPhrase();
                deliver.execute(() -> listener.onFailed(status, reason));
              }
            }

            @Override
            public void onTimeout() {
              deliver.execute(() -> listener.onFailed(Response.REQUEST_TIMEOUT, "no answer"));
            }
          });
      dialog.sendRequest(ct);
    } catch (ParseException | javax.sip.SipException e) {
      deliver.execute(() -> listener.onFailed(Response.SERVER_INTERNAL_ERROR, e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- responses and timeouts

  /**
   * What waits for the answers to a client transaction, kept as its application data: the host
   * hands responses and timeouts straight to it, whichever port sent the request.
   */
  interface Outcome {
    void onResponse(ResponseEvent event);

    void onTimeout();
  }

  // ---------------------------------------------------------------- message building

  private void sendBye(Dialog dialog) {
    if (dialog == null) {
      return;
    }
    try {
      Request bye = dialog.createRequest(Request.BYE);
      ClientTransaction ct = provider.getNewClientTransaction(bye);
      dialog.sendRequest(ct);
    } catch (javax.sip.SipException e) {
      LOG.log(Level.WARNING, "cannot send BYE on " + local, e);
    }
  }

  private Request request(
      String method,
      URI requestUri,
      Address from,
      String fromTag,
      Address to,
      String callId,
      long cseq,
      HostPort nextHop,
      HostPort target,
      String userAgent)
      throws ParseException, InvalidArgumentException {
    FromHeader fromHeader = host.headers.createFromHeader(from, fromTag);
    ToHeader toHeader = host.headers.createToHeader(to, null);
    CallIdHeader callIdHeader = host.headers.createCallIdHeader(callId);
    CSeqHeader cseqHeader = host.headers.createCSeqHeader(cseq, method);
    ViaHeader via =
        host.headers.createViaHeader(local.host(), local.port(), transport.token(), null);
    Request request =
        host.messages.createRequest(
            requestUri,
            method,
            callIdHeader,
            cseqHeader,
            fromHeader,
            toHeader,
            List.of(via),
            host.headers.createMaxForwardsHeader(70));
    if (nextHop != null && (!nextHop.equals(target) || transport != Transport.UDP)) {
      // The default router sends to the top Route: our way to name the next hop and transport.
      SipURI route = host.addresses.createSipURI(null, nextHop.host());
      route.setPort(nextHop.port());
      route.setLrParam();
      if (transport != Transport.UDP) {
        route.setTransportParam(transport.token());
      }
      request.addHeader(host.headers.createRouteHeader(host.addresses.createAddress(route)));
    }
    request.addHeader(host.headers.createHeader("User-Agent", userAgent));
    return request;
  }

  private Address address(String user, String domain, String displayName) throws ParseException {
    SipURI uri = host.addresses.createSipURI(user, domain);
    Address address = host.addresses.createAddress(uri);
    if (displayName != null && !displayName.isEmpty()) {
      address.setDisplayName(displayName);
    }
    return address;
  }

  private ContactHeader contact(String user) throws ParseException {
    SipURI uri =
        host.addresses.createSipURI(user == null || user.isEmpty() ? null : user, local.host());
    uri.setPort(local.port());
    if (transport != Transport.UDP) {
      uri.setTransportParam(transport.token());
    }
    if (key != null) {
      uri.setParameter(JainSipHost.KEY_PARAMETER, key);
    }
    return host.headers.createContactHeader(host.addresses.createAddress(uri));
  }

  private SipResponse map(Response response) {
    int expires = SipResponse.NO_EXPIRES;
    ContactHeader contact = ourBinding(response);
    if (contact != null && contact.getExpires() >= 0) {
      expires = contact.getExpires();
    } else {
      ExpiresHeader header = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
      if (header != null) {
        expires = header.getExpires();
      }
    }
    String redirect = null;
    ContactHeader first = (ContactHeader) response.getHeader(ContactHeader.NAME);
    if (response.getStatusCode() / 100 == 3 && first != null && first.getAddress() != null) {
      redirect = first.getAddress().getURI().toString();
    }
    return new SipResponse(
        response.getStatusCode(),
        response.getReasonPhrase(),
        value(response.getHeader("WWW-Authenticate")),
        value(response.getHeader("Proxy-Authenticate")),
        expires,
        redirect,
        extensionHeaders(response));
  }

  /** The message's {@link SipPort#EXTENSION_HEADERS} that it carries, by name. */
  private static Map<String, String> extensionHeaders(javax.sip.message.Message message) {
    Map<String, String> found = new java.util.LinkedHashMap<>();
    for (String name : EXTENSION_HEADERS) {
      String v = values(message, name);
      if (v != null) {
        found.put(name, v);
      }
    }
    return found;
  }

  /**
   * The values of every {@code name} header field, joined by commas (a list may come as one field
   * or several); null if none.
   */
  private static String values(javax.sip.message.Message message, String name) {
    java.util.List<String> found = new java.util.ArrayList<>();
    java.util.ListIterator<?> headers = message.getHeaders(name);
    while (headers != null && headers.hasNext()) {
      found.add(value((Header) headers.next()));
    }
    return found.isEmpty() ? null : String.join(", ", found);
  }

  private static final java.util.Set<String> OPTION_TAG_HEADERS =
      java.util.Set.of("Supported", "Require", "Unsupported", "Proxy-Require");

  /** Adds extension header fields as given, e.g. {@code Session-Expires: 180;refresher=uac}. */
  private void addHeaders(javax.sip.message.Message message, Map<String, String> headers)
      throws ParseException {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (OPTION_TAG_HEADERS.contains(h.getKey())) {
        // The factory makes one such field per option tag, not a list in one.
        message.removeHeader(h.getKey());
        for (String tag : h.getValue().split(",")) {
          message.addHeader(host.headers.createHeader(h.getKey(), tag.strip()));
        }
      } else {
        message.setHeader(host.headers.createHeader(h.getKey(), h.getValue()));
      }
    }
  }

  /**
   * Our Contact among those a registrar lists in its 200 (all bindings of the address of record,
   * other devices' and stale ones too), or null: its expires is the time granted to us.
   */
  private ContactHeader ourBinding(Response response) {
    java.util.ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
    while (contacts != null && contacts.hasNext()) {
      ContactHeader contact = (ContactHeader) contacts.next();
      if (contact.getAddress() != null
          && contact.getAddress().getURI() instanceof SipURI uri
          && local.host().equals(uri.getHost())
          && local.port() == (uri.getPort() > 0 ? uri.getPort() : HostPort.DEFAULT_PORT)
          && java.util.Objects.equals(key, uri.getParameter(JainSipHost.KEY_PARAMETER))) {
        return contact;
      }
    }
    return null;
  }

  /** A header's value without its name, e.g. {@code Digest realm="…", nonce="…"}. */
  private static String value(Header header) {
    if (header == null) {
      return null;
    }
    String text = header.toString().strip();
    int colon = text.indexOf(':');
    return colon < 0 ? text : text.substring(colon + 1).strip();
  }

  private static String body(javax.sip.message.Message message) {
    byte[] raw = message.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }

  private static boolean isMessageSummary(Request request) {
    javax.sip.header.EventHeader event =
        (javax.sip.header.EventHeader) request.getHeader(javax.sip.header.EventHeader.NAME);
    return Request.NOTIFY.equals(request.getMethod())
        && event != null
        && io.cradle.cpe.sip.MessageSummary.EVENT.equalsIgnoreCase(event.getEventType());
  }

  private static String callId(javax.sip.message.Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  private static String userOf(URI uri) {
    if (uri instanceof SipURI) {
      String user = ((SipURI) uri).getUser();
      return user == null ? "" : user;
    }
    return "";
  }
}
