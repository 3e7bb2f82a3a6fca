package com.lockllm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of the test's own on loopback: {@code masters} {@code redis-server
 * --cluster-enabled yes} processes sharing the 16,384 slots evenly, each with {@code
 * replicasPerMaster} replicas, no persistence, in a temporary directory removed on {@link
 * #close()}. Built with {@code CLUSTER ADDSLOTSRANGE}, {@code MEET} and {@code REPLICATE}, so it
 * needs {@code redis-server} 7 only (no {@code redis-cli}). Skipped or failed like {@link
 * RedisServer} when there is no {@code redis-server}.
 */
public final class RedisCluster implements AutoCloseable {
  private static final int SLOTS = 16_384;

  private final Path dir;
  private final List<RedisServer> nodes = new ArrayList<>();
  private final java.util.Map<Integer, Integer> busPorts = new java.util.HashMap<>();

  private RedisCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts and joins the cluster; returns once every node reports {@code cluster_state:ok}. */
  public static RedisCluster start(int masters, int replicasPerMaster) {
    if (masters < 1 || replicasPerMaster < 0) {
      throw new IllegalArgumentException("need at least one master");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("lockllm-redis-cluster");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisCluster cluster = new RedisCluster(dir);
    try {
      int count = masters * (1 + replicasPerMaster);
      for (int i = 0; i < count; i++) {
        int port = RedisServer.freePort();
        int bus = RedisServer.freePort();
        cluster.busPorts.put(port, bus);
        cluster.nodes.add(RedisServer.start(port, List.of(), List.of(
            "--cluster-enabled", "yes",
            "--cluster-port", Integer.toString(bus),
            "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
            "--cluster-node-timeout", "1000",
            "--dir", dir.toString())));
      }
      cluster.join(masters, replicasPerMaster);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void join(int masters, int replicasPerMaster) {
    for (int m = 0; m < masters; m++) {
      int from = m * SLOTS / masters;
      int to = (m + 1) * SLOTS / masters - 1;
      expectOk(nodes.get(m).command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to)));
    }
    RedisServer first = nodes.get(0);
    for (RedisServer node : nodes.subList(1, nodes.size())) {
      expectOk(node.command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(first.port()),
          Integer.toString(busPorts.get(first.port()))));
    }
    await("every node knows the others", () -> nodes.stream()
        .allMatch(n -> clusterNodes(n).size() == nodes.size()));
    for (int r = 0; r < masters * replicasPerMaster; r++) {
      RedisServer replica = nodes.get(masters + r);
      String masterId = id(nodes.get(r % masters));
      await("replica knows its master", () -> replica.command("CLUSTER", "REPLICATE", masterId).startsWith("+OK"));
    }
    awaitHealthy();
  }

  /** Waits until every running node reports {@code cluster_state:ok} and every replica is in sync. */
  public void awaitHealthy() {
    await("cluster_state:ok on every node, replicas in sync", () -> nodes.stream().filter(RedisServer::running)
        .allMatch(n -> n.command("CLUSTER", "INFO").contains("cluster_state:ok")
            && ("master".equals(n.info("role")) || "up".equals(n.info("master_link_status")))));
  }

  /** Seed URI of every node: {@code redis://127.0.0.1:p1,127.0.0.1:p2,...}. */
  public String uri() {
    StringBuilder s = new StringBuilder("redis://");
    for (RedisServer node : nodes) {
      if (s.length() > "redis://".length()) {
        s.append(',');
      }
      s.append("127.0.0.1:").append(node.port());
    }
    return s.toString();
  }

  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes that are masters now. */
  public List<RedisServer> masters() {
    return nodes.stream().filter(RedisServer::running).filter(n -> "master".equals(n.info("role"))).toList();
  }

  /** The master that serves {@code key} now (found by following {@code MOVED}). */
  public RedisServer masterOf(String key) {
    for (RedisServer node : masters()) {
      String reply = node.command("TYPE", key);
      if (!reply.startsWith("-MOVED")) {
        return node;
      }
    }
    throw new IllegalStateException("no master serves " + key);
  }

  /** A command on the node that serves {@code key}; the raw reply. */
  public String command(String key, String... args) {
    return masterOf(key).command(args);
  }

  /** An integer reply of a command on the node that serves {@code key}. */
  public long integer(String key, String... args) {
    return masterOf(key).integer(args);
  }

  /** Empties every master (and so their replicas). */
  public void flushAll() {
    for (RedisServer master : masters()) {
      master.command("FLUSHALL");
    }
  }

  /**
   * A manual failover of {@code master}: one of its replicas runs {@code CLUSTER FAILOVER}
   * (the master pauses its clients until the replica has caught up, so no acknowledged write is
   * lost) and becomes the master of its slots. Returns the promoted replica once the cluster is
   * healthy again.
   */
  public RedisServer failover(RedisServer master) {
    String masterId = id(master);
    RedisServer replica = nodes.stream().filter(RedisServer::running)
        .filter(n -> clusterNodes(n).stream().anyMatch(l -> l.contains("myself") && l.contains("slave " + masterId)))
        .findFirst().orElseThrow(() -> new IllegalStateException("no replica of " + master.port()));
    expectOk(replica.command("CLUSTER", "FAILOVER"));
    await("the replica is a master", () -> "master".equals(replica.info("role")));
    await("the old master is its replica", () -> "slave".equals(master.info("role")));
    awaitHealthy();
    return replica;
  }

  /** Lines of {@code CLUSTER NODES} of {@code node}. */
  static List<String> clusterNodes(RedisServer node) {
    String reply = node.command("CLUSTER", "NODES");
    String[] lines = reply.split("\r\n");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) { // lines[0] is the bulk length
      String[] parts = lines[i].split("\n");
      for (String p : parts) {
        if (!p.isBlank()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  static String id(RedisServer node) {
    String[] lines = node.command("CLUSTER", "MYID").split("\r\n");
    return lines[lines.length - 1].strip();
  }

  private static void expectOk(String reply) {
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("expected OK, got " + reply.strip());
    }
  }

  static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not within 30 s: " + what);
      }
      RedisServer.sleep(50);
    }
  }

  /** Kills every node and removes the directory. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
