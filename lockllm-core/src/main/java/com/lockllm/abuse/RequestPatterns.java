package com.lockllm.abuse;

import com.lockllm.internal.Digests;
import com.lockllm.scan.AbuseWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Behavioural abuse detection per client key, over a {@link CounterStore}: each observed request
 * counts in its client's sliding window (default 60 s in 10 s slots) and the window is judged at
 * once.
 *
 * <ul>
 *   <li>{@code rapid_requests}: more than {@code rapidRequests} requests in the window;
 *   <li>{@code duplicate_prompts}: the same prompt at least {@code duplicatePrompts} times in it;
 *   <li>{@code burst_detected}: at least {@code burstMinRequests} requests in the window, and at
 *       least 60% of them in its last 30 s. (LockLLM says "more than half"; a client sending at a
 *       steady rate sits at exactly half, so rounding to slots would flag it at half its slot
 *       ends.)
 * </ul>
 *
 * <p>Each signal scores 0–100 (50 at its limit, 100 at twice it; a burst scores the share of the
 * window in its tail); {@code pattern_score} is the highest, and so is the confidence of a
 * detection. Client keys and prompts reach the store only as hashes. See RATIONALE.md, "Abuse".
 */
public final class RequestPatterns {
  public static final String RAPID_REQUESTS = "rapid_requests";
  public static final String DUPLICATE_PROMPTS = "duplicate_prompts";
  public static final String BURST_DETECTED = "burst_detected";
  public static final String PATTERN_SCORE = "pattern_score";

  static final Duration BURST_TAIL = Duration.ofSeconds(30);
  /** Share of a window's requests in its tail from which it is a burst. */
  static final double BURST_SHARE = 0.6;

  private final CounterStore store;
  private final Duration window;
  private final Duration slot;
  private final int slots;
  private final int tailSlots;
  private final int rapidRequests;
  private final int duplicatePrompts;
  private final int burstMinRequests;
  private final Duration ttl;
  private final Clock clock;

  private RequestPatterns(Builder b) {
    this.store = b.store;
    this.window = b.window;
    this.slot = b.slot;
    this.slots = (int) (b.window.toMillis() / b.slot.toMillis());
    this.tailSlots = (int) Math.max(1, Math.min(slots, BURST_TAIL.toMillis() / b.slot.toMillis()));
    this.rapidRequests = b.rapidRequests;
    this.duplicatePrompts = b.duplicatePrompts;
    this.burstMinRequests = b.burstMinRequests;
    this.ttl = b.window.plus(b.slot);
    this.clock = b.clock;
  }

  /** Patterns over {@code store} with the default limits. */
  public static RequestPatterns create(CounterStore store) {
    return builder(store).build();
  }

  public static Builder builder(CounterStore store) {
    return new Builder(store);
  }

  public CounterStore store() {
    return store;
  }

  /**
   * Counts a request of {@code clientKey} carrying prompt {@code input} and judges the client's
   * window: a warning with {@code detected} true or false, and {@code pattern_score} always.
   *
   * @throws RuntimeException when the store fails
   */
  public AbuseWarning observe(String clientKey, String input) {
    long now = slotOf(clock.millis());
    long[] requests = store.increment(rateKey(clientKey), now, slots, ttl);
    long[] same = store.increment(duplicateKey(clientKey, input), now, slots, ttl);
    return judge(requests, same);
  }

  /** As {@link #observe} without blocking, when the store can do so; both counters update in parallel. */
  public CompletionStage<AbuseWarning> observeAsync(String clientKey, String input) {
    long now = slotOf(clock.millis());
    CompletableFuture<long[]> requests =
        store.incrementAsync(rateKey(clientKey), now, slots, ttl).toCompletableFuture();
    CompletableFuture<long[]> same =
        store.incrementAsync(duplicateKey(clientKey, input), now, slots, ttl).toCompletableFuture();
    return requests.thenCombine(same, this::judge);
  }

  private long slotOf(long millis) {
    return Math.floorDiv(millis, slot.toMillis());
  }

  private static String rateKey(String clientKey) {
    return "rate:" + Digests.sha256Hex(clientKey, 12);
  }

  private static String duplicateKey(String clientKey, String input) {
    return "dup:" + Digests.sha256Hex(clientKey, 12) + ":" + Digests.sha256Hex(input, 12);
  }

  private AbuseWarning judge(long[] requests, long[] same) {
    long total = sum(requests, 0);
    long tail = sum(requests, requests.length - tailSlots);
    long duplicates = sum(same, 0);
    List<String> types = new ArrayList<>();
    double confidence = 0;
    double rapid = limitScore(total, rapidRequests + 1);
    if (total > rapidRequests) {
      types.add(RAPID_REQUESTS);
      confidence = Math.max(confidence, rapid);
    }
    double duplicate = limitScore(duplicates, duplicatePrompts);
    if (duplicates >= duplicatePrompts) {
      types.add(DUPLICATE_PROMPTS);
      confidence = Math.max(confidence, duplicate);
    }
    double burst = total >= burstMinRequests ? 100.0 * tail / total : 0;
    if (total >= burstMinRequests && tail >= BURST_SHARE * total) {
      types.add(BURST_DETECTED);
      confidence = Math.max(confidence, burst);
    }
    double score = round(Math.max(rapid, Math.max(duplicate, burst)));
    boolean detected = !types.isEmpty();
    return new AbuseWarning(detected, detected ? round(confidence) : 0.0, types,
        Map.of(PATTERN_SCORE, score), detected ? recommendation(types) : null);
  }

  private static String recommendation(List<String> types) {
    return types.contains(DUPLICATE_PROMPTS) && types.size() == 1
        ? "Cache answers or deduplicate repeated prompts from this client"
        : "Rate-limit this client or ask it to prove it is human (CAPTCHA)";
  }

  /** 50 at {@code limit}, 100 at twice it, linear from 0 below. */
  private static double limitScore(long count, int limit) {
    return Math.min(100.0, 50.0 * count / limit);
  }

  private static long sum(long[] counts, int from) {
    long s = 0;
    for (int i = Math.max(0, from); i < counts.length; i++) {
      s += counts[i];
    }
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @Override
  public String toString() {
    return "RequestPatterns{window=" + window + ", slot=" + slot + ", rapidRequests=" + rapidRequests
        + ", duplicatePrompts=" + duplicatePrompts + ", burstMinRequests=" + burstMinRequests + '}';
  }

  /** Builds {@link RequestPatterns}. */
  public static final class Builder {
    private final CounterStore store;
    private Duration window = Duration.ofSeconds(60);
    private Duration slot = Duration.ofSeconds(10);
    private int rapidRequests = 30;
    private int duplicatePrompts = 3;
    private int burstMinRequests = 10;
    private Clock clock = Clock.systemUTC();

    Builder(CounterStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The sliding window and its slot size; the window must be a whole number of slots. Default 60 s in 10 s slots. */
    public Builder window(Duration window, Duration slot) {
      if (slot.toMillis() < 1 || window.toMillis() < slot.toMillis() || window.toMillis() % slot.toMillis() != 0) {
        throw new IllegalArgumentException(
            "the window must be a whole, positive number of slots, got " + window + " / " + slot);
      }
      if (window.toMillis() / slot.toMillis() > 3600) {
        throw new IllegalArgumentException("at most 3600 slots per window, got " + window + " / " + slot);
      }
      this.window = window;
      this.slot = slot;
      return this;
    }

    /** Requests per window above which a client is rapid (default 30). */
    public Builder rapidRequests(int limit) {
      this.rapidRequests = positive(limit, "rapidRequests");
      return this;
    }

    /** Identical prompts per window from which a client repeats itself (default 3). */
    public Builder duplicatePrompts(int limit) {
      this.duplicatePrompts = positive(limit, "duplicatePrompts");
      return this;
    }

    /** Requests a window needs before a burst is judged (default 10). */
    public Builder burstMinRequests(int min) {
      this.burstMinRequests = positive(min, "burstMinRequests");
      return this;
    }

    /** The clock slots are read from; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public RequestPatterns build() {
      return new RequestPatterns(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
