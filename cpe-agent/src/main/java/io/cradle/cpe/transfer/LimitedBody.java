package io.cradle.cpe.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory but refuses more than {@code maxBytes}: it cancels the
 * transfer as soon as the declared length or the bytes received pass the limit, so a huge or
 * endless body never fills the heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body passed the limit; the transfer was cancelled. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  private final long maxBytes;
  private final long declaredLength;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long received;
  private Flow.Subscription subscription;

  /**
   * @param declaredLength Content-Length, or -1 when the server did not say
   */
  LimitedBody(long maxBytes, long declaredLength) {
    this.maxBytes = maxBytes;
    this.declaredLength = declaredLength;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > maxBytes) {
      subscription.cancel();
      result.completeExceptionally(
          new TooLarge("declared length " + declaredLength + " exceeds the limit of " + maxBytes));
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : items) {
      received += buffer.remaining();
      if (received > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(
            new TooLarge("body longer than the limit of " + maxBytes + " bytes"));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    if (declaredLength >= 0 && received != declaredLength) {
      result.completeExceptionally(
          new IOException("body ended after " + received + " of " + declaredLength + " bytes"));
      return;
    }
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
