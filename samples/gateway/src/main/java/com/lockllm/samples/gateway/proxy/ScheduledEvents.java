package com.lockllm.samples.gateway.proxy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The echo model's events, each sent on demand after {@code interval} on a scheduler, so a paced
 * stream holds no thread between its events. Not API.
 */
final class ScheduledEvents implements Flow.Subscription {
  private final List<byte[]> events;
  private final long intervalNanos;
  private final ScheduledExecutorService scheduler;
  private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
  // Guarded by this.
  private long demand;
  private int next;
  private boolean scheduled;
  private boolean cancelled;

  private ScheduledEvents(List<byte[]> events, Duration interval, ScheduledExecutorService scheduler,
      Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
    this.events = events;
    this.intervalNanos = interval.toNanos();
    this.scheduler = scheduler;
    this.subscriber = subscriber;
  }

  /** Sends {@code events} to {@code subscriber}: the first at once, each next {@code interval} after the one before. */
  static void send(List<byte[]> events, Duration interval, ScheduledExecutorService scheduler,
      Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
    subscriber.onSubscribe(new ScheduledEvents(events, interval, scheduler, subscriber));
    if (events.isEmpty()) {
      subscriber.onComplete();
    }
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      cancel();
      subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
      return;
    }
    long delay;
    synchronized (this) {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      if (scheduled || cancelled || next >= events.size()) {
        return;
      }
      scheduled = true;
      delay = next == 0 ? 0 : intervalNanos;
    }
    scheduler.schedule(this::emit, delay, TimeUnit.NANOSECONDS);
  }

  private void emit() {
    byte[] event;
    boolean last;
    synchronized (this) {
      scheduled = false;
      if (cancelled) {
        return;
      }
      demand--;
      event = events.get(next++);
      last = next == events.size();
    }
    subscriber.onNext(List.of(ByteBuffer.wrap(event)));
    if (last) {
      subscriber.onComplete();
      return;
    }
    boolean more;
    synchronized (this) {
      more = demand > 0 && !scheduled && !cancelled;
      scheduled |= more;
    }
    if (more) {
      scheduler.schedule(this::emit, intervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public synchronized void cancel() {
    cancelled = true;
  }
}
