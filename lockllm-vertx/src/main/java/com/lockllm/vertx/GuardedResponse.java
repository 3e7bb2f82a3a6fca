package com.lockllm.vertx;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * The response of a request as a write stream for the model's answer: what a handler writes here
 * goes through the request's answer guard (the route's output policy, masked personal data to
 * restore, the canary) before it reaches {@code ctx.response()}. Vert.x Web has no response body
 * interceptor, so a handler behind {@link LockLLMHandler} writes its answer here ({@link
 * LockLLMHandler#guardedResponse}) rather than to {@code ctx.response()}: set the status and headers
 * on {@code ctx.response()} first, then {@link #write} and {@link #end} (or {@code
 * upstream.pipeTo(guarded)}).
 *
 * <p>A 2xx server-sent-event answer is checked event by event and written as it passes; a 2xx
 * JSON or text answer is held whole, then written redacted or replaced by the guard's error (403
 * {@code output_blocked}, with the {@code X-LockLLM-Output-*} headers); other answers pass. Everything
 * runs on the request's event loop: the checks are CPU-only and bounded. Once LockLLM has ended the
 * answer (a block), writes fail, and the {@link #stopHandler} runs, as it does when the client goes
 * away: a handler that proxies resets its upstream request there.
 */
public interface GuardedResponse extends WriteStream<Buffer> {
  /**
   * Called once, on the event loop, when the answer must no longer be read: LockLLM ended it (a
   * block, an answer too large to hold) or the client closed the connection before its end. A
   * proxying handler resets its upstream request here ({@code upstreamRequest.reset()}).
   */
  GuardedResponse stopHandler(Handler<Void> handler);

  /** Whether the answer is over before its end: ended by LockLLM, or the client went away. */
  boolean stopped();

  @Override
  GuardedResponse exceptionHandler(Handler<Throwable> handler);

  @Override
  GuardedResponse setWriteQueueMaxSize(int maxSize);

  @Override
  GuardedResponse drainHandler(Handler<Void> handler);

  @Override
  Future<Void> end(Buffer data);
}
