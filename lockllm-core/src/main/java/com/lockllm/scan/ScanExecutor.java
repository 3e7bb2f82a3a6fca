package com.lockllm.scan;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool {@link Scanner#scanAsync} runs blocking scans on unless a scanner brings its own: {@link
 * #THREADS} daemon threads named {@code lockllm-scan-N}, idle ones stopped after a minute, and a
 * queue of {@link #QUEUE} scans. A full queue rejects the scan ({@code RejectedExecutionException}),
 * which the interceptor's fail mode answers at once rather than let waiters pile up.
 *
 * <p>Why not the common fork-join pool: its parallelism is the core count minus one (a single thread
 * on a two-core host), a scanner that blocks would starve every other user of it, and a fork-join
 * worker that waits on a future may run the queued scan itself, on the waiting thread, where no
 * timeout can stop it. A thread of this pool never waits on a scan, so a scan never runs on the
 * thread that waits for it: the interceptor's scan timeout holds.
 */
public final class ScanExecutor {
  /**
   * Scan threads: four per core, at least 16. CPU-bound scans need no more than the cores; the rest
   * is for scanners whose {@code scan} blocks on I/O (a model server called synchronously), which
   * would otherwise idle the CPUs, and for scans that hang until their waiters' timeouts expire.
   */
  public static final int THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  /** Scans that may wait for a thread before new ones are rejected. */
  public static final int QUEUE = 4096;

  private ScanExecutor() {}

  /** The shared pool, created on first use. */
  public static Executor shared() {
    return Shared.POOL;
  }

  private static final class Shared {
    static final ThreadPoolExecutor POOL = create();

    private static ThreadPoolExecutor create() {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory threads = task -> {
        Thread t = new Thread(task, "lockllm-scan-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE), threads, new ThreadPoolExecutor.AbortPolicy());
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
