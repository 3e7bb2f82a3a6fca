package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Where Redis is, as Spring Boot's connection details (either Boot line's) say, in the URI form
 * {@link LockLLMRedis#builder(String)} takes: one server, the master of a Sentinel group, or a
 * Cluster's seed nodes. Credentials are percent-encoded into the URI; {@link #toString()} leaves
 * them out. Not API.
 *
 * @param topology {@code standalone}, {@code sentinel} or {@code cluster}
 * @param uri the URI, credentials included
 * @param cluster whether {@code uri} lists a Cluster's seed nodes
 */
record RedisTarget(String topology, String uri, boolean cluster) {

  static RedisTarget standalone(String host, int port, int database, String username, String password, boolean ssl) {
    return new RedisTarget("standalone",
        (ssl ? "rediss://" : "redis://") + userInfo(username, password) + hostPort(host, port) + "/" + database, false);
  }

  /**
   * @param nodes the Sentinels, {@code host:port}
   * @param sentinelPassword the Sentinels' own password: not supported (lockllm-redis's URI carries
   *     the data nodes' credentials only), refused when set
   */
  static RedisTarget sentinel(List<String> nodes, String master, int database, String username, String password,
      String sentinelPassword, boolean ssl) {
    if (sentinelPassword != null && !sentinelPassword.isEmpty()) {
      throw new IllegalStateException("spring.data.redis.sentinel.password is set, but LockLLM's Redis client "
          + "authenticates to the data nodes only: run the Sentinels without a password, define your own "
          + "LockLLMRedis bean, or set lockllm.redis.enabled=false");
    }
    if (master == null || master.isBlank() || nodes.isEmpty()) {
      throw new IllegalStateException("Redis Sentinel needs spring.data.redis.sentinel.master and .nodes");
    }
    return new RedisTarget("sentinel", (ssl ? "rediss-sentinel://" : "redis-sentinel://") + userInfo(username, password)
        + String.join(",", nodes) + "/" + database + "#" + master, false);
  }

  /** @param nodes seed nodes, {@code host:port} */
  static RedisTarget cluster(List<String> nodes, String username, String password, boolean ssl) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("Redis Cluster needs spring.data.redis.cluster.nodes");
    }
    return new RedisTarget("cluster", (ssl ? "rediss://" : "redis://") + userInfo(username, password)
        + String.join(",", nodes), true);
  }

  /** {@code host:port}, an IPv6 address in brackets. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Connects, with the {@code lockllm.redis.*} settings and the scan cache's TTL. */
  LockLLMRedis connect(LockLLMRedisProperties properties, Duration scanTtl) {
    LockLLMRedisProperties.Breaker breaker = properties.getBreaker();
    return LockLLMRedis.builder(uri)
        .cluster(cluster)
        .commandTimeout(properties.getCommandTimeout())
        .connectTimeout(properties.getConnectTimeout())
        .prefix(properties.getPrefix())
        .scanTtl(scanTtl)
        .breakerThreshold(breaker.getFailures(), breaker.getCalls())
        .breakerDelay(breaker.getDelay())
        .breakerSuccesses(breaker.getSuccesses())
        .requireAtStart(properties.isRequireAtStart())
        .build();
  }

  private static String userInfo(String username, String password) {
    if (password == null || password.isEmpty()) {
      return "";
    }
    return (username == null || username.isEmpty() ? "" : encode(username)) + ":" + encode(password) + "@";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    int at = uri.lastIndexOf('@');
    int scheme = uri.indexOf("://") + 3;
    return topology + " " + (at < 0 ? uri : uri.substring(0, scheme) + uri.substring(at + 1));
  }
}
