package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.lockllm.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The URI's password never shows in an exception or a log line (Lettuce's included, at DEBUG). */
class RedisSecretsTest {
  static final String PASSWORD = "pa55-Wd-7f3k9Q";

  final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  final Map<String, Level> saved = new java.util.HashMap<>();

  @BeforeEach
  void capture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(context);
    appender.start();
    for (String name : List.of("io.lettuce", "io.netty", "com.lockllm")) {
      Logger logger = context.getLogger(name);
      saved.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
      logger.addAppender(appender);
    }
  }

  @AfterEach
  void release() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    saved.forEach((name, level) -> {
      Logger logger = context.getLogger(name);
      logger.detachAppender(appender);
      logger.setLevel(level);
    });
  }

  @Test
  void thePasswordAppearsInNoMessageAndNoLogLine() {
    List<String> messages = new ArrayList<>();
    try (RedisServer server = RedisServer.start(PASSWORD)) {
      String uri = "redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/0";
      try (LockLLMRedis redis = LockLLMRedis.builder(uri).commandTimeout(Duration.ofMillis(250)).build()) {
        messages.add(redis.toString());
        assertThat(redis.toString()).contains("redis://127.0.0.1:" + server.port() + "/0");
        assertThat(redis.topology()).isEqualTo("standalone");
        assertThat(redis.counterStore().increment("rate:s", 1, 2, Duration.ofSeconds(5))).containsExactly(0, 1);
        server.kill();
        messages.add(catchThrowable(() -> redis.counterStore().increment("rate:s", 1, 2, Duration.ofSeconds(5))).getMessage());
        messages.add(catchThrowable(() -> redis.scanCache().get("k")).getMessage());
        messages.add(catchThrowable(() -> redis.counterStore().incrementAsync("rate:s", 1, 2, Duration.ofSeconds(5))
            .toCompletableFuture().join()).getMessage());
        server.restart();
        RedisCounterStoreTest.awaitRecovery(() -> redis.counterStore().increment("rate:s", 1, 2, Duration.ofSeconds(5)));
      }
      // a wrong password and an unreachable server, at build time
      Throwable wrong = catchThrowable(() -> LockLLMRedis.create("redis://:wrong-" + PASSWORD + "@127.0.0.1:" + server.port()));
      assertThat(wrong).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Redis unavailable at redis://127.0.0.1:");
      messages.add(wrong.getMessage());
      server.kill();
      Throwable down = catchThrowable(() -> LockLLMRedis.builder(uri).connectTimeout(Duration.ofMillis(300)).build());
      assertThat(down).isInstanceOf(IllegalStateException.class);
      messages.add(down.getMessage());
      Throwable malformed = catchThrowable(() -> LockLLMRedis.create("redis://:" + PASSWORD + "@127.0.0.1:notaport"));
      assertThat(malformed).isInstanceOf(RuntimeException.class); // Lettuce reads "notaport" as part of the host
      messages.add(malformed.getMessage());
    }
    assertThat(messages).allSatisfy(m -> assertThat(m).isNotNull().doesNotContain(PASSWORD));
    assertThat(appender.list).as("Lettuce's debug lines were captured (HELLO carries the credentials)")
        .anyMatch(e -> e.getLoggerName().startsWith("io.lettuce") && e.getLevel() == Level.DEBUG)
        .anyMatch(e -> e.getFormattedMessage().contains("type=HELLO"));
    for (ILoggingEvent event : appender.list) {
      String text = event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).as(event.getLoggerName()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aMalformedUriIsRejectedWithoutItsCredentials() {
    assertThatThrownBy(() -> LockLLMRedis.create("redis://user:" + PASSWORD + "@[::1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(PASSWORD);
    assertThat(Secrets.redactUri("redis://user:" + PASSWORD + "@host:1/0")).isEqualTo("redis://***@host:1/0");
    Secrets encoded = Secrets.of("redis://u:p%40ss-Q7@h:1/0", io.lettuce.core.RedisURI.create("redis://u:p%40ss-Q7@h:1/0"));
    assertThat(encoded.scrub("failed: p%40ss-Q7 / p@ss-Q7")).isEqualTo("failed: *** / ***");
    assertThat(encoded.where()).isEqualTo("redis://h:1/0");
  }
}
