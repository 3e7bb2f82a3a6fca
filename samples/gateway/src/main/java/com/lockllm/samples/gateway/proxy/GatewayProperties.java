package com.lockllm.samples.gateway.proxy;

import com.lockllm.samples.gateway.keys.GatewayKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's {@code lockllm.gateway.*} properties: client keys, upstreams, provider keys, timeouts,
 * the response cache. Redis is Spring Boot's ({@code REDIS_URL}, {@code spring.data.redis.*}).
 */
@ConfigurationProperties("lockllm.gateway")
public class GatewayProperties {
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(300);
  private Duration echoEventInterval = Duration.ZERO;
  private final Upstream upstream = new Upstream();
  private final Cache cache = new Cache();
  private Map<String, Provider> providers = new LinkedHashMap<>();
  private List<GatewayKey> keys = new ArrayList<>();
  private boolean anonymous;
  private final RedisKeys redisKeys = new RedisKeys();

  /**
   * The client keys, as SHA-256 digests with a name and flags: {@code keys[0].name}, {@code
   * keys[0].sha256}, {@code keys[0].flags}, or the short form {@code name:sha256-hex[:flag+flag]}
   * comma-separated ({@code LOCKLLM_GATEWAY_KEYS}). Set, every route but the playground and {@code
   * /health} needs one of these keys.
   */
  public List<GatewayKey> getKeys() {
    return keys;
  }

  public void setKeys(List<GatewayKey> keys) {
    this.keys = keys;
  }

  /**
   * Serve clients without a key ({@code LOCKLLM_GATEWAY_ANONYMOUS}). Needed to start holding
   * upstream credentials with no client key configured; with keys configured, a key becomes
   * optional (a valid one still gives its name and flags).
   */
  public boolean isAnonymous() {
    return anonymous;
  }

  public void setAnonymous(boolean anonymous) {
    this.anonymous = anonymous;
  }

  /** Client keys kept in the shared Redis ({@code REDIS_URL}, {@code spring.data.redis.*}) for a fleet of gateways. */
  public RedisKeys getRedisKeys() {
    return redisKeys;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** How long to wait for an upstream's response headers. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** The pause between the echo model's streamed events (none by default), to stand in for a slow model. */
  public Duration getEchoEventInterval() {
    return echoEventInterval;
  }

  public void setEchoEventInterval(Duration echoEventInterval) {
    this.echoEventInterval = echoEventInterval;
  }

  public Upstream getUpstream() {
    return upstream;
  }

  public Cache getCache() {
    return cache;
  }

  /** By provider name: the LockLLM providers' keys and base URLs, and custom OpenAI-compatible upstreams. */
  public Map<String, Provider> getProviders() {
    return providers;
  }

  public void setProviders(Map<String, Provider> providers) {
    this.providers = providers;
  }

  /** The OpenAI-compatible upstream of the default routes; unset, the echo model answers them. */
  public static class Upstream {
    private String baseUrl;
    private String apiKey;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }
  }

  /**
   * Client keys in the Redis hash {@code lockllm:gateway:keys}: field = the key's SHA-256 in hex,
   * value = {@code name} or {@code name:flag+flag}.
   */
  public static class RedisKeys {
    private boolean enabled;
    private Duration cacheTtl = Duration.ofSeconds(10);
    private Duration maxStale = Duration.ofMinutes(5);

    /** Look keys up in Redis too ({@code LOCKLLM_GATEWAY_REDIS_KEYS}); needs the shared Redis. */
    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** How long an answer from Redis (found or not) is used before Redis is asked again. */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }

    /** How old an answer may be to stand in while Redis cannot answer; none that fresh: the request is refused. */
    public Duration getMaxStale() {
      return maxStale;
    }

    public void setMaxStale(Duration maxStale) {
      this.maxStale = maxStale;
    }
  }

  /** The response cache of identical non-streaming requests. */
  public static class Cache {
    private boolean enabled = true;
    private Duration ttl = Duration.ofSeconds(3600);
    private DataSize maxSize = DataSize.ofMegabytes(64);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    /** Bound on the cached bodies' bytes. */
    public DataSize getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }
  }

  /** One provider's key and base URL override. */
  public static class Provider {
    private String key;
    private String baseUrl;

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public String toString() {
      return "Provider[baseUrl=" + baseUrl + ", key=" + (key == null ? "unset" : "set") + "]";
    }
  }
}
