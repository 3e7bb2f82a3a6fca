package com.lockllm.redis;

import com.lockllm.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real {@code redis-server} per test class, emptied (and restarted if a test killed it) before
 * each test; what a test adds to {@link #open} is closed after it.
 */
abstract class RedisTestBase {
  static RedisServer server;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    if (!server.running()) {
      server.restart();
    }
    server.command("FLUSHALL");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }
}
