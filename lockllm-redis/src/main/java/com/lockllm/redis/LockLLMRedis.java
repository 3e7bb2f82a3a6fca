package com.lockllm.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection shared by the abuse {@link #counterStore() counter store} and the {@link
 * #scanCache() scan cache} of an application instance; every instance pointing at the same Redis
 * (and prefix) sees the same counters and cached scans.
 *
 * <pre>{@code
 * try (LockLLMRedis redis = LockLLMRedis.builder("redis://:secret@redis:6379/0").build()) {
 *   Scanner scanner = CachingScanner.create(EmbeddedScanner.create(), redis.scanCache());
 *   RequestPatterns patterns = RequestPatterns.create(redis.counterStore());
 *   ...
 * }
 * }</pre>
 *
 * <p>Every call is bounded by the command timeout (default 250 ms): commands are not queued while
 * the connection is down (Lettuce's {@code REJECT_COMMANDS}), so a caller fails at once instead of
 * waiting for a reconnect, and a command Redis does not answer expires after the timeout. Lettuce
 * reconnects in the background (10 ms to 1 s backoff), so counting resumes once Redis is back.
 * Failures surface as {@link IllegalStateException} ("Redis unavailable: ..."); the password of
 * the URI never appears in a message or a log line of ours.
 *
 * <p>A circuit breaker stands in front of every call: once Redis is found unavailable (by default
 * 5 of the last 10 calls), calls fail at once with the same exception for a delay (1 s), so a
 * hung or slow Redis costs a request nothing rather than one timeout per call; then probe calls
 * test it and close the breaker again ({@link #circuitState()}, {@link #onCircuitChange}).
 *
 * <p>One server, a Sentinel-monitored master ({@code redis-sentinel://}) or a Redis Cluster
 * ({@link Builder#cluster}): the stores run the same commands on each, every script on one key.
 *
 * <p>By default {@link Builder#build()} fails when Redis cannot be reached. With {@link
 * Builder#requireAtStart(boolean) requireAtStart(false)} it starts without Redis instead: every call
 * fails at once, as while disconnected, until a background attempt (same backoff as reconnects)
 * connects, after which counting and caching work without a restart.
 *
 * <p>Thread-safe; build one per application and close it on shutdown.
 */
public final class LockLLMRedis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LockLLMRedis.class);

  /** Default bound on one call. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
  /** Default bound on opening (and re-opening) the TCP connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  /** Default prefix of every key. */
  public static final String DEFAULT_PREFIX = "lockllm:";
  /** Default number of failed calls, of the last {@link #DEFAULT_BREAKER_CALLS}, that opens the breaker. */
  public static final int DEFAULT_BREAKER_FAILURES = 5;
  /** Default number of recent calls the breaker judges. */
  public static final int DEFAULT_BREAKER_CALLS = 10;
  /** Default time the breaker stays open before probing Redis again. */
  public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(1);
  /** Default probe calls that must succeed to close the breaker. */
  public static final int DEFAULT_BREAKER_SUCCESSES = 3;

  /** The state of the circuit breaker in front of Redis. */
  public enum CircuitState {
    /** Calls go to Redis. */
    CLOSED,
    /** Redis was found unavailable: calls fail at once, without going to Redis. */
    OPEN,
    /** A few probe calls go to Redis; the others fail at once until they tell how it is. */
    HALF_OPEN
  }

  private static final Duration RECONNECT_MIN = Duration.ofMillis(10);
  private static final Duration RECONNECT_MAX = Duration.ofSeconds(1);

  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String prefix;
  private final Duration commandTimeout;
  private final Executor callbackExecutor;
  private final Secrets secrets;
  private final ClientResources resources;
  private final Topology topology;
  private final RedisBreaker breaker;
  private final Duration attemptTimeout;
  private volatile Topology.Link link;
  private final RedisCounterStore counterStore;
  private final RedisScanCache scanCache;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LockLLMRedis(Builder b) {
    this.prefix = b.prefix;
    this.commandTimeout = b.commandTimeout;
    this.callbackExecutor = b.callbackExecutor;
    List<RedisURI> uris = Topology.parse(b.uri, b.cluster, commandTimeout);
    this.secrets = Secrets.of(b.uri, uris, b.cluster);
    this.breaker = new RedisBreaker(b.breakerFailures, b.breakerCalls, b.breakerDelay, b.breakerSuccesses, secrets.where());
    this.resources = ClientResources.builder()
        .ioThreadPoolSize(b.ioThreads)
        .computationThreadPoolSize(b.ioThreads)
        .reconnectDelay(Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
    this.topology = Topology.create(resources, uris, b.cluster, commandTimeout, b.connectTimeout, b.requestQueueSize);
    this.attemptTimeout = b.connectTimeout.plus(commandTimeout).plus(commandTimeout);
    this.counterStore = new RedisCounterStore(this);
    this.scanCache = new RedisScanCache(this, b.scanTtl);
    try {
      this.link = topology.connect();
    } catch (RuntimeException e) {
      if (b.requireAtStart) {
        shutdownQuietly();
        throw new IllegalStateException("Redis unavailable at " + secrets.where() + ": " + secrets.describe(e));
      }
      log.warn("LockLLM Redis unavailable at {} ({}); starting without it and connecting in the background",
          secrets.where(), secrets.describe(e));
      connectLater(0);
      return;
    }
    log.info("LockLLM Redis connected to {} (prefix '{}', command timeout {} ms)",
        secrets.where(), prefix, commandTimeout.toMillis());
  }

  /** Lettuce reconnects only a connection it once opened: until the first one, retrying is ours. */
  private void connectLater(int attempt) {
    if (closed.get()) {
      return;
    }
    long delay = Math.min(RECONNECT_MAX.toMillis(), RECONNECT_MIN.toMillis() << Math.min(attempt, 10));
    try {
      resources.eventExecutorGroup().schedule(() -> connectInBackground(attempt), delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException shutDown) {
      log.debug("LockLLM Redis: no further connection attempt ({})", shutDown.toString());
    }
  }

  private void connectInBackground(int attempt) {
    if (closed.get()) {
      return;
    }
    // Every attempt must end in a connection or in the next attempt, or the retries stop for good:
    // a synchronous failure counts as a failed attempt, and an attempt that does not finish (a
    // handshake cut short) is abandoned after a bound, closing whatever it opens later.
    CompletableFuture<Topology.Link> opening = topology.connectAsync();
    opening.thenApply(c -> c).orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((opened, failure) -> {
      if (failure != null) {
        opening.thenAccept(l -> l.connection().closeAsync());
        log.debug("LockLLM Redis still unavailable at {} ({})", secrets.where(), secrets.describe(failure));
        connectLater(attempt + 1);
      } else if (closed.get()) {
        opened.connection().closeAsync();
      } else {
        link = opened;
        log.info("LockLLM Redis connected to {} (prefix '{}', command timeout {} ms)",
            secrets.where(), prefix, commandTimeout.toMillis());
      }
    });
  }

  /** A connection to {@code uri} with the defaults. */
  public static LockLLMRedis create(String uri) {
    return builder(uri).build();
  }

  /**
   * @param uri {@code redis://[[user]:password@]host[:port][/database]} ({@code rediss://} for
   *     TLS); {@code redis-sentinel://[[user]:password@]host:port[,host:port...][/database]#master}
   *     for the master a Sentinel group names; for a Redis Cluster ({@link Builder#cluster}) {@code
   *     redis://[[user]:password@]host:port[,host:port...]}, seed nodes. The password is used to
   *     authenticate and is never logged
   */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /** The shared abuse counters; closing it leaves the connection open (close this object instead). */
  public RedisCounterStore counterStore() {
    return counterStore;
  }

  /**
   * Byte values with a TTL under {@code <prefix><namespace>:}, on this connection; for the
   * application's own caches. {@code abuse} and {@code scan} belong to the store and the cache.
   */
  public RedisBlobs blobs(String namespace) {
    return new RedisBlobs(this, namespace);
  }

  /**
   * The hash {@code <prefix><name>} on this connection, read with {@code HGET}; for data an operator
   * maintains and every instance reads. Names under {@code abuse:} and {@code scan:} belong to the
   * store and the cache.
   */
  public RedisHash hash(String name) {
    return new RedisHash(this, name);
  }

  /** The shared scan cache, entries living {@link Builder#scanTtl} (default 10 min). */
  public RedisScanCache scanCache() {
    return scanCache;
  }

  public String prefix() {
    return prefix;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** {@code standalone}, {@code sentinel} or {@code cluster}: how the URI reaches Redis; for health details and logs. */
  public String topology() {
    return topology.kind.name().toLowerCase(Locale.ROOT);
  }

  /** Whether the connection is up now (it reconnects by itself after Redis comes back). */
  public boolean isConnected() {
    Topology.Link l = link;
    return l != null && l.connection().isOpen();
  }

  /**
   * The circuit breaker's state, for readiness and metrics: {@code OPEN} while calls fail at once
   * because Redis was found unavailable, {@code HALF_OPEN} while probe calls test it again.
   */
  public CircuitState circuitState() {
    return breaker.state();
  }

  /**
   * Calls {@code listener} on every transition of the circuit breaker, on the thread whose call
   * caused it (keep it short: it may be the connection's I/O thread). An exception it throws is
   * logged and ignored.
   */
  public void onCircuitChange(Consumer<CircuitState> listener) {
    breaker.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /** The commands of the connection; an {@link IllegalStateException} before the first one opened. */
  RedisClusterAsyncCommands<String, byte[]> commands() {
    Topology.Link l = link;
    if (l == null) {
      throw new IllegalStateException("Redis unavailable (" + secrets.where() + "): not connected yet");
    }
    return l.commands();
  }

  RedisBreaker breaker() {
    return breaker;
  }

  Executor callbackExecutor() {
    return callbackExecutor;
  }

  Secrets secrets() {
    return secrets;
  }

  /** Closes the connection and the client's threads (within about two seconds); later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Topology.Link l = link;
      if (l != null) {
        l.connection().close();
      }
    } catch (RuntimeException e) {
      log.debug("closing the Redis connection: {}", secrets.describe(e));
    }
    shutdownQuietly();
  }

  private void shutdownQuietly() {
    try {
      topology.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      log.debug("shutting the Redis client down: {}", secrets.describe(e));
    }
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("shutting the Redis client resources down: {}", secrets.describe(e));
    }
  }

  @Override
  public String toString() {
    return "LockLLMRedis{" + secrets.where() + ", prefix='" + prefix + "', timeout=" + commandTimeout
        + ", breaker " + breaker + '}';
  }

  /** Builds {@link LockLLMRedis}. */
  public static final class Builder {
    private final String uri;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private String prefix = DEFAULT_PREFIX;
    private Duration scanTtl = RedisScanCache.DEFAULT_TTL;
    private Executor callbackExecutor = ForkJoinPool.commonPool();
    private int ioThreads = 2;
    private int requestQueueSize = 65_536;
    private boolean requireAtStart = true;
    private boolean cluster;
    private int breakerFailures = DEFAULT_BREAKER_FAILURES;
    private int breakerCalls = DEFAULT_BREAKER_CALLS;
    private Duration breakerDelay = DEFAULT_BREAKER_DELAY;
    private int breakerSuccesses = DEFAULT_BREAKER_SUCCESSES;

    Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** The longest one counter or cache call may take, Redis answering or not (default 250 ms). */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /** Bound on opening the TCP connection, at start and on reconnects (default 1 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Prefix of every key (default {@code lockllm:}); instances sharing state use the same one. No
     * braces: the counter keys carry their own hash tag ({@code {...}}) for Redis Cluster.
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
        throw new IllegalArgumentException("prefix must not contain { or } (keys carry their own hash tag), got '"
            + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Whether the URI names a Redis Cluster's seed nodes (default {@code false}): {@code
     * redis://[[user]:password@]host:port,host:port}, any reachable node enough to learn the rest.
     * Commands go to the master of their key's slot, and the client follows failovers and
     * resharding (redirections, topology refreshes).
     */
    public Builder cluster(boolean cluster) {
      this.cluster = cluster;
      return this;
    }

    /**
     * When the circuit breaker opens: once {@code failures} of the last {@code ofCalls} calls found
     * Redis unavailable (timed out, disconnected, refused). Default 5 of 10.
     */
    public Builder breakerThreshold(int failures, int ofCalls) {
      if (failures < 1 || ofCalls < failures) {
        throw new IllegalArgumentException("breaker threshold needs 1 <= failures <= ofCalls, got " + failures
            + " of " + ofCalls);
      }
      this.breakerFailures = failures;
      this.breakerCalls = ofCalls;
      return this;
    }

    /** How long the open breaker fails calls at once before letting probe calls through (default 1 s). */
    public Builder breakerDelay(Duration delay) {
      this.breakerDelay = positive(delay, "breakerDelay");
      return this;
    }

    /**
     * Probe calls that must all succeed, once the delay has passed, to close the breaker (default
     * 3); one failing opens it for another delay.
     */
    public Builder breakerSuccesses(int successes) {
      if (successes < 1) {
        throw new IllegalArgumentException("breakerSuccesses must be at least 1, got " + successes);
      }
      this.breakerSuccesses = successes;
      return this;
    }

    /** How long a cached scan lives (default 10 min). */
    public Builder scanTtl(Duration ttl) {
      this.scanTtl = positive(ttl, "scanTtl");
      return this;
    }

    /**
     * Where async results are delivered (default the common pool), so that callers' continuations
     * never run on, and stall, the connection's I/O thread.
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Netty I/O threads of the client (default 2; one connection uses one). */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads must be at least 1, got " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    /** Commands in flight at most; beyond it calls fail at once (default 65,536). */
    public Builder requestQueueSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("requestQueueSize must be at least 1, got " + size);
      }
      this.requestQueueSize = size;
      return this;
    }

    /**
     * Whether {@link #build()} fails when Redis cannot be reached (default {@code true}: an
     * application should not start believing it shares state). With {@code false} it starts
     * without Redis, calls fail at once until a background attempt connects, and the application
     * decides through its fail mode.
     */
    public Builder requireAtStart(boolean require) {
      this.requireAtStart = require;
      return this;
    }

    /**
     * Connects.
     *
     * @throws IllegalStateException when Redis cannot be reached within the connect timeout and
     *     {@link #requireAtStart} is on
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public LockLLMRedis build() {
      return new LockLLMRedis(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
