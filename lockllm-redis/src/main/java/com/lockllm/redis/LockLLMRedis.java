package com.lockllm.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  private static final Duration RECONNECT_MIN = Duration.ofMillis(10);
  private static final Duration RECONNECT_MAX = Duration.ofSeconds(1);

  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String prefix;
  private final Duration commandTimeout;
  private final Executor callbackExecutor;
  private final Secrets secrets;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final Duration attemptTimeout;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private final RedisCounterStore counterStore;
  private final RedisScanCache scanCache;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LockLLMRedis(Builder b) {
    this.prefix = b.prefix;
    this.commandTimeout = b.commandTimeout;
    this.callbackExecutor = b.callbackExecutor;
    RedisURI uri;
    try {
      uri = RedisURI.create(b.uri);
    } catch (RuntimeException e) {
      // Lettuce's message may quote the URI, password included: say only what was wrong.
      throw new IllegalArgumentException("not a Redis URI: " + Secrets.redactUri(b.uri));
    }
    this.secrets = Secrets.of(b.uri, uri);
    uri.setTimeout(commandTimeout);
    this.resources = ClientResources.builder()
        .ioThreadPoolSize(b.ioThreads)
        .computationThreadPoolSize(b.ioThreads)
        .reconnectDelay(Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(b.requestQueueSize)
        .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
        .build());
    this.client = client;
    this.uri = uri;
    this.attemptTimeout = b.connectTimeout.plus(commandTimeout).plus(commandTimeout);
    this.counterStore = new RedisCounterStore(this);
    this.scanCache = new RedisScanCache(this, b.scanTtl);
    try {
      this.connection = client.connect(CODEC);
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
    CompletableFuture<StatefulRedisConnection<String, byte[]>> opening = openAsync();
    opening.thenApply(c -> c).orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((opened, failure) -> {
      if (failure != null) {
        opening.thenAccept(StatefulRedisConnection::closeAsync);
        log.debug("LockLLM Redis still unavailable at {} ({})", secrets.where(), secrets.describe(failure));
        connectLater(attempt + 1);
      } else if (closed.get()) {
        opened.closeAsync();
      } else {
        connection = opened;
        log.info("LockLLM Redis connected to {} (prefix '{}', command timeout {} ms)",
            secrets.where(), prefix, commandTimeout.toMillis());
      }
    });
  }

  private CompletableFuture<StatefulRedisConnection<String, byte[]>> openAsync() {
    try {
      return client.connectAsync(CODEC, uri).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A connection to {@code uri} with the defaults. */
  public static LockLLMRedis create(String uri) {
    return builder(uri).build();
  }

  /**
   * @param uri {@code redis://[[user]:password@]host[:port][/database]} ({@code rediss://} for
   *     TLS); the password is used to authenticate and is never logged
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

  /** Whether the connection is up now (it reconnects by itself after Redis comes back). */
  public boolean isConnected() {
    StatefulRedisConnection<String, byte[]> c = connection;
    return c != null && c.isOpen();
  }

  /** The connection; an {@link IllegalStateException} before the first one opened. */
  StatefulRedisConnection<String, byte[]> connection() {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null) {
      throw new IllegalStateException("Redis unavailable (" + secrets.where() + "): not connected yet");
    }
    return c;
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
      StatefulRedisConnection<String, byte[]> c = connection;
      if (c != null) {
        c.close();
      }
    } catch (RuntimeException e) {
      log.debug("closing the Redis connection: {}", secrets.describe(e));
    }
    shutdownQuietly();
  }

  private void shutdownQuietly() {
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
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
    return "LockLLMRedis{" + secrets.where() + ", prefix='" + prefix + "', timeout=" + commandTimeout + '}';
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

    /** Prefix of every key (default {@code lockllm:}); instances sharing state use the same one. */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      this.prefix = prefix;
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
