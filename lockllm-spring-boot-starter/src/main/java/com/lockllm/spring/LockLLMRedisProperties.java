package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lockllm.redis.*}: whether and how the starter builds a {@link LockLLMRedis} from Spring
 * Boot's Redis connection ({@code spring.data.redis.*}) for the abuse counters and the scan cache.
 * Where Redis is comes from Boot; these only tune LockLLM's own use of it, which must stay fast
 * (Boot's {@code spring.data.redis.timeout} is not used: a request waits at most {@link
 * #getCommandTimeout()} per call).
 */
@ConfigurationProperties("lockllm.redis")
public class LockLLMRedisProperties {
  private Boolean enabled;
  private Duration commandTimeout = LockLLMRedis.DEFAULT_COMMAND_TIMEOUT;
  private Duration connectTimeout = LockLLMRedis.DEFAULT_CONNECT_TIMEOUT;
  private String prefix = LockLLMRedis.DEFAULT_PREFIX;
  private boolean requireAtStart = true;
  private final Breaker breaker = new Breaker();

  /**
   * Unset (the default): use Redis when {@code spring.data.redis.url}, {@code host}, {@code port},
   * {@code sentinel.nodes} or {@code cluster.nodes} is set, so that Boot's default of
   * localhost:6379 is never taken for a shared store. {@code true}: use whatever connection Boot
   * has (a Testcontainers or Docker Compose service connection, say); {@code false}: never.
   */
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  /** The longest one counter or cache call may take, Redis answering or not (default 250ms). */
  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  /** Bound on opening the TCP connection, at start and on reconnects (default 1s). */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Prefix of every key (default {@code lockllm:}); instances that share state use the same one. */
  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Whether the application fails to start when Redis cannot be reached (default true). With false
   * it starts, calls fail at once (the fail mode applies, caches miss) until a background attempt
   * connects.
   */
  public boolean isRequireAtStart() {
    return requireAtStart;
  }

  public void setRequireAtStart(boolean requireAtStart) {
    this.requireAtStart = requireAtStart;
  }

  public Breaker getBreaker() {
    return breaker;
  }

  /** The circuit breaker in front of Redis. */
  public static class Breaker {
    private int failures = LockLLMRedis.DEFAULT_BREAKER_FAILURES;
    private int calls = LockLLMRedis.DEFAULT_BREAKER_CALLS;
    private Duration delay = LockLLMRedis.DEFAULT_BREAKER_DELAY;
    private int successes = LockLLMRedis.DEFAULT_BREAKER_SUCCESSES;

    /** Failed calls, of the last {@link #getCalls()}, that open the breaker (default 5). */
    public int getFailures() {
      return failures;
    }

    public void setFailures(int failures) {
      this.failures = failures;
    }

    /** Recent calls the breaker judges (default 10). */
    public int getCalls() {
      return calls;
    }

    public void setCalls(int calls) {
      this.calls = calls;
    }

    /** How long the open breaker fails calls at once before probing Redis (default 1s). */
    public Duration getDelay() {
      return delay;
    }

    public void setDelay(Duration delay) {
      this.delay = delay;
    }

    /** Probe calls that must succeed to close it again (default 3). */
    public int getSuccesses() {
      return successes;
    }

    public void setSuccesses(int successes) {
      this.successes = successes;
    }
  }
}
