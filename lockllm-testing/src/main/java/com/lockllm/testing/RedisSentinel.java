package com.lockllm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Sentinel setup of the test's own on loopback: one master, {@code replicas} replicas and
 * {@code sentinels} {@code redis-server --sentinel} processes monitoring it as {@value #MASTER}
 * (quorum 1, down after 1 s), no persistence, in a temporary directory removed on {@link #close()}.
 * Skipped or failed like {@link RedisServer} when there is no {@code redis-server}.
 */
public final class RedisSentinel implements AutoCloseable {
  /** The master's name in the Sentinels. */
  public static final String MASTER = "mymaster";

  private final Path dir;
  private final List<RedisServer> servers = new ArrayList<>();
  private final List<RedisServer> sentinels = new ArrayList<>();

  private RedisSentinel(Path dir) {
    this.dir = dir;
  }

  /** Starts it; returns once the replicas are in sync and every Sentinel knows them. */
  public static RedisSentinel start(int replicas, int sentinels) {
    if (replicas < 1 || sentinels < 1) {
      throw new IllegalArgumentException("need a replica and a sentinel");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("lockllm-redis-sentinel");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisSentinel setup = new RedisSentinel(dir);
    try {
      RedisServer master = RedisServer.start(RedisServer.freePort(), List.of(), List.of("--dir", dir.toString()));
      setup.servers.add(master);
      for (int i = 0; i < replicas; i++) {
        setup.servers.add(RedisServer.start(RedisServer.freePort(), List.of(), List.of("--dir", dir.toString(),
            "--replicaof", "127.0.0.1", Integer.toString(master.port()))));
      }
      for (int i = 0; i < sentinels; i++) {
        int port = RedisServer.freePort();
        Path config = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(config, String.join("\n",
            "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1",
            "sentinel down-after-milliseconds " + MASTER + " 1000",
            "sentinel failover-timeout " + MASTER + " 5000",
            ""));
        setup.sentinels.add(RedisServer.start(port, List.of(config.toString()),
            List.of("--sentinel", "--dir", dir.toString())));
      }
      setup.awaitSynced(master);
      return setup;
    } catch (IOException e) {
      setup.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      setup.close();
      throw e;
    }
  }

  private void awaitSynced(RedisServer master) {
    RedisCluster.await("replicas in sync and known to every Sentinel", () ->
        servers.stream().filter(s -> s != master).allMatch(s -> "up".equals(s.info("master_link_status")))
            && sentinels.stream().allMatch(s -> countReplicas(s) == servers.size() - 1));
  }

  private static int countReplicas(RedisServer sentinel) {
    String reply = sentinel.command("SENTINEL", "REPLICAS", MASTER);
    int n = 0;
    for (String line : reply.split("\r\n")) {
      if (line.equals("flags")) {
        n++;
      }
    }
    return reply.contains("disconnected") || reply.contains("s_down") ? -1 : n;
  }

  /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2/0#mymaster}. */
  public String uri() {
    StringBuilder s = new StringBuilder("redis-sentinel://");
    for (RedisServer sentinel : sentinels) {
      if (s.length() > "redis-sentinel://".length()) {
        s.append(',');
      }
      s.append("127.0.0.1:").append(sentinel.port());
    }
    return s.append("/0#").append(MASTER).toString();
  }

  /** The master the first Sentinel names now. */
  public RedisServer master() {
    String[] lines = sentinels.get(0).command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER).split("\r\n");
    int port = Integer.parseInt(lines[lines.length - 1].strip());
    return servers.stream().filter(s -> s.port() == port).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown master port " + port));
  }

  /** The data servers (master and replicas). */
  public List<RedisServer> servers() {
    return List.copyOf(servers);
  }

  public List<RedisServer> sentinels() {
    return List.copyOf(sentinels);
  }

  /**
   * {@code SENTINEL FAILOVER}: a replica is promoted without the master's agreement (so writes the
   * old master acknowledges until clients move are lost when it turns replica). Returns the new
   * master once the Sentinel names it; the old master is turned into its replica later (Sentinel
   * takes about ten seconds for that).
   */
  public RedisServer failover() {
    RedisServer old = master();
    String reply = sentinels.get(0).command("SENTINEL", "FAILOVER", MASTER);
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("SENTINEL FAILOVER: " + reply.strip());
    }
    RedisCluster.await("the Sentinel names a new master", () -> master() != old);
    RedisServer promoted = master();
    RedisCluster.await("the new master is a master", () -> "master".equals(promoted.info("role")));
    return promoted;
  }

  /** Kills every process and removes the directory. */
  @Override
  public void close() {
    sentinels.forEach(RedisServer::close);
    servers.forEach(RedisServer::close);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
