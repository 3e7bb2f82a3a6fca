package com.lockllm.samples.gateway.proxy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The gateway's {@code lockllm.gateway.*} properties: upstreams, provider keys, timeouts, the response cache and Redis. */
@ConfigurationProperties("lockllm.gateway")
public class GatewayProperties {
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(300);
  private final Upstream upstream = new Upstream();
  private final Cache cache = new Cache();
  private Map<String, Provider> providers = new LinkedHashMap<>();
  private String redisUri;

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

  /**
   * A Redis URI ({@code redis://[:password@]host:port/db}): when set, the response cache, the scan
   * cache and the abuse counters live in that Redis, shared by every gateway pointing at it.
   */
  public String getRedisUri() {
    return redisUri;
  }

  public void setRedisUri(String redisUri) {
    this.redisUri = redisUri;
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
