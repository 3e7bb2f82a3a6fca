package com.lockllm.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Counter increments at a steady rate from a few threads, each on a counter of its own ({@code
 * rate:<run>-<thread>-<n>}), so that afterwards every counter tells exactly what happened to its one
 * increment: 1 applied once, 0 not applied, more than 1 applied twice. For failover tests and the
 * failover load run: {@link #report} compares that with what the callers were told.
 */
public final class RedisFailoverTraffic {
  /** One increment of counter {@code key}; returns normally when Redis acknowledged it. */
  public interface Increment {
    void apply(String key) throws Exception;
  }

  /** One call: its counter, when it started and ended ({@link System#nanoTime()}), and whether it was acknowledged. */
  public record Call(String key, long startNanos, long endNanos, boolean acked) {}

  /**
   * What happened: calls made, acknowledged and failed; acknowledged increments lost (counter 0),
   * increments applied more than once (counter above 1), failed calls Redis applied all the same;
   * the longest time without an acknowledged call (the outage), and acknowledged calls per second.
   */
  public record Report(int calls, int acked, int failed, List<Call> lost, long duplicated, long failedButApplied,
      long outageMillis, double ackedPerSecond) {
    @Override
    public String toString() {
      return calls + " calls, " + acked + " acknowledged (" + Math.round(ackedPerSecond) + "/s), " + failed
          + " failed (" + failedButApplied + " of them applied all the same), outage " + outageMillis + " ms, "
          + lost.size() + " acknowledged increments lost, " + duplicated + " applied twice";
    }
  }

  private final String run;
  private final Increment increment;
  private final long intervalNanos;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private long startedNanos;
  private long stoppedNanos;

  private RedisFailoverTraffic(String run, Increment increment, long intervalNanos) {
    this.run = run;
    this.increment = increment;
    this.intervalNanos = intervalNanos;
  }

  /**
   * Starts {@code threads} threads making {@code perSecond} increments a second between them (each
   * waiting for its call to end before the next: a slow Redis lowers the rate).
   */
  public static RedisFailoverTraffic start(String run, int threads, int perSecond, Increment increment) {
    RedisFailoverTraffic traffic = new RedisFailoverTraffic(run, increment, TimeUnit.SECONDS.toNanos(threads) / perSecond);
    traffic.startedNanos = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> traffic.loop(thread, threads), "failover-traffic-" + t);
      worker.setDaemon(true);
      traffic.threads.add(worker);
      worker.start();
    }
    return traffic;
  }

  private void loop(int thread, int of) {
    long next = System.nanoTime() + intervalNanos * thread / of;
    for (long n = 0; !stop.get(); n++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        RedisServer.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
      }
      next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
      String key = "rate:" + run + "-" + thread + "-" + n;
      long started = System.nanoTime();
      boolean acked;
      try {
        increment.apply(key);
        acked = true;
      } catch (Exception e) {
        acked = false;
      }
      calls.add(new Call(key, started, System.nanoTime(), acked));
    }
  }

  /** Stops the threads and waits for their last calls. */
  public RedisFailoverTraffic stop() {
    stop.set(true);
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stoppedNanos = System.nanoTime();
    return this;
  }

  /** The calls made so far. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls acknowledged so far. */
  public long acked() {
    return calls.stream().filter(Call::acked).count();
  }

  /**
   * Compares the calls with the counters as Redis holds them now: {@code counts} returns the count
   * of each counter key it is given (0 for one that does not exist).
   */
  public Report report(Function<Collection<String>, Map<String, Long>> counts) {
    List<Call> all = calls();
    Map<String, Long> held = counts.apply(all.stream().map(Call::key).toList());
    List<Call> lost = new ArrayList<>();
    long duplicated = 0;
    long failedButApplied = 0;
    for (Call c : all) {
      long n = held.getOrDefault(c.key(), 0L);
      duplicated += Math.max(0, n - 1);
      if (c.acked() && n == 0) {
        lost.add(c);
      }
      if (!c.acked() && n > 0) {
        failedButApplied++;
      }
    }
    List<Long> ackTimes = all.stream().filter(Call::acked).map(Call::endNanos).sorted(Comparator.naturalOrder()).toList();
    long gap = 0;
    long previous = startedNanos;
    for (long t : ackTimes) {
      gap = Math.max(gap, t - previous);
      previous = t;
    }
    gap = Math.max(gap, stoppedNanos - previous);
    int acked = ackTimes.size();
    double seconds = (stoppedNanos - startedNanos) / 1e9;
    return new Report(all.size(), acked, all.size() - acked, lost, duplicated, failedButApplied,
        TimeUnit.NANOSECONDS.toMillis(gap), acked / seconds);
  }
}
