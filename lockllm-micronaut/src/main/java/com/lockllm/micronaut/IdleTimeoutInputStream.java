package com.lockllm.micronaut;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A request body that fails with a {@link SocketTimeoutException} when no byte arrives for {@code
 * idle}: a read still blocked then is interrupted and the stream closed, which releases the blocking
 * thread, and the interceptor answers 408. Micronaut's Netty server does not fail the body stream
 * of a request in progress when its {@code read-idle-timeout} passes, so without this a client that
 * stalls mid-body would hold a blocking thread for as long as it keeps the connection open. One
 * shared timer thread arms a timeout per blocking read; not API.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Duration idle;
  private volatile boolean expired;
  /** The thread blocked in {@link #read(byte[], int, int)}, or null between reads. */
  private Thread reader;

  IdleTimeoutInputStream(InputStream in, Duration idle) {
    super(in);
    this.idle = idle;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread t = Executors.defaultThreadFactory().newThread(task);
      t.setName("lockllm-body-timeout");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    synchronized (this) {
      if (expired) {
        throw timedOut();
      }
      reader = Thread.currentThread();
    }
    ScheduledFuture<?> alarm = TIMER.schedule(this::expire, idle.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      if (expired) {
        throw timedOut();
      }
      throw e;
    } finally {
      alarm.cancel(false);
      synchronized (this) {
        reader = null;
        if (expired) {
          // the wake-up call must not outlive this read on a pooled thread
          Thread.interrupted();
        }
      }
    }
  }

  /**
   * Wakes the blocked reader: Micronaut's body stream ignores a close while a read waits for data,
   * but answers an interrupt with an {@code InterruptedIOException}.
   */
  private synchronized void expire() {
    if (reader == null) {
      return;
    }
    expired = true;
    reader.interrupt();
    try {
      in.close();
    } catch (IOException e) {
      // closing only stops the upload; the timeout is reported either way
    }
  }

  private SocketTimeoutException timedOut() {
    return new SocketTimeoutException("no request body bytes for " + idle.toMillis() + " ms");
  }
}
