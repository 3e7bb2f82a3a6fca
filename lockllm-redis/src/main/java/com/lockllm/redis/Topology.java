package com.lockllm.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the client reaches Redis: one server ({@code redis://}), the master a Sentinel group names
 * ({@code redis-sentinel://}, through Lettuce's master/replica connection, which follows the
 * Sentinels' {@code +switch-master} events), or a Cluster (seed nodes; commands routed by slot and
 * redirections followed). All three hand out {@link RedisClusterAsyncCommands}, the commands they
 * have in common, so the stores have one implementation.
 */
final class Topology {
  /** How long the cluster client waits at least between two topology refreshes a failure triggers. */
  static final Duration CLUSTER_REFRESH_AFTER_FAILURE = Duration.ofMillis(500);
  /** Topology refresh period of the cluster client, failures or not. */
  static final Duration CLUSTER_REFRESH_PERIOD = Duration.ofSeconds(10);

  /** The kind of deployment. */
  enum Kind { STANDALONE, SENTINEL, CLUSTER }

  /** An open connection and its commands. */
  record Link(StatefulConnection<String, byte[]> connection, RedisClusterAsyncCommands<String, byte[]> commands) {
    static Link of(StatefulConnection<String, byte[]> c) {
      if (c instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
        return new Link(c, cluster.async());
      }
      return new Link(c, ((StatefulRedisConnection<String, byte[]>) c).async());
    }
  }

  final Kind kind;
  final List<RedisURI> uris;
  final AbstractRedisClient client;

  private Topology(Kind kind, List<RedisURI> uris, AbstractRedisClient client) {
    this.kind = kind;
    this.uris = uris;
    this.client = client;
  }

  /**
   * The client for {@code uris} (several only for a cluster's seeds), with bounded, fail-fast
   * options: commands rejected while disconnected (so none is replayed after a reconnect, and an
   * increment is never applied twice), every command timed out, reconnects in the background.
   */
  static Topology create(ClientResources resources, List<RedisURI> uris, boolean cluster, Duration commandTimeout,
      Duration connectTimeout, int requestQueueSize) {
    SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
    TimeoutOptions timeouts = TimeoutOptions.builder().fixedTimeout(commandTimeout).build();
    if (cluster) {
      RedisClusterClient client = RedisClusterClient.create(resources, uris);
      client.setOptions(ClusterClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(requestQueueSize)
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enablePeriodicRefresh(CLUSTER_REFRESH_PERIOD)
              .enableAllAdaptiveRefreshTriggers()
              .adaptiveRefreshTriggersTimeout(CLUSTER_REFRESH_AFTER_FAILURE)
              .refreshTriggersReconnectAttempts(2)
              .build())
          .build());
      return new Topology(Kind.CLUSTER, List.copyOf(uris), client);
    }
    RedisURI uri = uris.get(0);
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(requestQueueSize)
        .socketOptions(socket)
        .timeoutOptions(timeouts)
        .build());
    return new Topology(uri.getSentinels().isEmpty() ? Kind.STANDALONE : Kind.SENTINEL, List.of(uri), client);
  }

  /** Opens a connection, blocking up to the connect timeout. */
  Link connect() {
    return switch (kind) {
      case CLUSTER -> Link.of(((RedisClusterClient) client).connect(LockLLMRedis.CODEC));
      case SENTINEL -> Link.of(MasterReplica.connect((RedisClient) client, LockLLMRedis.CODEC, uris.get(0)));
      case STANDALONE -> Link.of(((RedisClient) client).connect(LockLLMRedis.CODEC, uris.get(0)));
    };
  }

  /** Opens a connection without blocking; a failure to even start fails the future. */
  CompletableFuture<Link> connectAsync() {
    try {
      CompletableFuture<? extends StatefulConnection<String, byte[]>> opening = switch (kind) {
        case CLUSTER -> ((RedisClusterClient) client).connectAsync(LockLLMRedis.CODEC);
        case SENTINEL -> MasterReplica.connectAsync((RedisClient) client, LockLLMRedis.CODEC, uris.get(0));
        case STANDALONE -> ((RedisClient) client).connectAsync(LockLLMRedis.CODEC, uris.get(0)).toCompletableFuture();
      };
      return opening.thenApply(Link::of);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The URIs {@code raw} names: one, or for a cluster one per {@code host:port} of a comma-separated
   * list ({@code redis://[[user]:password@]host:port,host:port}), each with the same credentials.
   *
   * @throws IllegalArgumentException when it does not parse, lists several hosts without {@code
   *     cluster}, or names a database other than 0 for a cluster
   */
  static List<RedisURI> parse(String raw, boolean cluster, Duration commandTimeout) {
    List<String> each = split(raw);
    if (each.size() > 1 && !cluster) {
      throw new IllegalArgumentException("a redis:// URI with several hosts (" + Secrets.redactUri(raw)
          + ") is a Redis Cluster's seed list: set cluster(true); for Sentinel use redis-sentinel://host:port,host:port#master");
    }
    List<RedisURI> out = new ArrayList<>();
    for (String one : each) {
      RedisURI uri;
      try {
        uri = RedisURI.create(one);
      } catch (RuntimeException e) {
        // Lettuce's message may quote the URI, password included: say only what was wrong.
        throw new IllegalArgumentException("not a Redis URI: " + Secrets.redactUri(raw));
      }
      if (cluster && !uri.getSentinels().isEmpty()) {
        throw new IllegalArgumentException("cluster(true) takes redis:// seed nodes, not a Sentinel URI: " + Secrets.redactUri(raw));
      }
      if (cluster && uri.getDatabase() != 0) {
        throw new IllegalArgumentException("a Redis Cluster has database 0 only: " + Secrets.redactUri(raw));
      }
      uri.setTimeout(commandTimeout);
      out.add(uri);
    }
    return List.copyOf(out);
  }

  /** {@code scheme://userinfo@h1:p1,h2:p2/rest} as one URI per host; Sentinel URIs stay whole. */
  private static List<String> split(String raw) {
    int scheme = raw.indexOf("://");
    if (scheme < 0 || !raw.regionMatches(true, 0, "redis", 0, 5) || raw.regionMatches(true, 0, "redis-sentinel", 0, 14)) {
      return List.of(raw);
    }
    int start = scheme + 3;
    int end = start;
    while (end < raw.length() && raw.charAt(end) != '/' && raw.charAt(end) != '?') {
      end++;
    }
    String authority = raw.substring(start, end);
    int at = authority.lastIndexOf('@');
    String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
    String hosts = authority.substring(at + 1);
    if (hosts.indexOf(',') < 0) {
      return List.of(raw);
    }
    List<String> out = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (!host.isBlank()) {
        out.add(raw.substring(0, start) + userInfo + host.strip() + raw.substring(end));
      }
    }
    return out;
  }
}
