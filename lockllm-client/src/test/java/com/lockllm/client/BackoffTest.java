package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Instant NOW = Instant.parse("2026-03-13T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void growsExponentiallyUpToTheCap() {
    Backoff noJitter = new Backoff(() -> 0.0, CLOCK);

    assertThat(noJitter.backoffMillis(0)).isEqualTo(1000);
    assertThat(noJitter.backoffMillis(1)).isEqualTo(2000);
    assertThat(noJitter.backoffMillis(2)).isEqualTo(4000);
    assertThat(noJitter.backoffMillis(3)).isEqualTo(8000);
    assertThat(noJitter.backoffMillis(5)).isEqualTo(30000);
    assertThat(noJitter.backoffMillis(63)).isEqualTo(30000);
    assertThat(noJitter.backoffMillis(Integer.MAX_VALUE)).isEqualTo(30000);
  }

  @Test
  void jitterAddsUpToTenPercent() {
    Backoff maxJitter = new Backoff(() -> 0.9999, CLOCK);
    assertThat(maxJitter.backoffMillis(0)).isEqualTo(1099);
    assertThat(maxJitter.backoffMillis(10)).isEqualTo(32999);

    Backoff random = new Backoff(() -> ThreadLocalRandom.current().nextDouble(), CLOCK);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      long delay = random.backoffMillis(0);
      assertThat(delay).isBetween(1000L, 1100L);
      seen.add(delay);
    }
    assertThat(seen).hasSizeGreaterThan(1);
  }

  @Test
  void positiveRetryAfterReplacesTheBackoff() {
    Backoff backoff = new Backoff(() -> 0.0, CLOCK);

    assertThat(backoff.delayMillis(2, 5000L)).isEqualTo(5000);
    assertThat(backoff.delayMillis(2, 0L)).isEqualTo(4000);
    assertThat(backoff.delayMillis(2, null)).isEqualTo(4000);
  }

  @Test
  void parseRetryAfter() {
    Backoff backoff = new Backoff(() -> 0.0, CLOCK);

    assertThat(backoff.parseRetryAfter("5")).isEqualTo(5000L);
    assertThat(backoff.parseRetryAfter(" 5 ")).isEqualTo(5000L);
    assertThat(backoff.parseRetryAfter("0")).isEqualTo(0L);
    assertThat(backoff.parseRetryAfter(null)).isNull();
    assertThat(backoff.parseRetryAfter("")).isNull();
    assertThat(backoff.parseRetryAfter("invalid")).isNull();
    assertThat(backoff.parseRetryAfter("5abc")).isNull();
    assertThat(backoff.parseRetryAfter("99999999999999999")).isNull();
    assertThat(backoff.parseRetryAfter("Fri, 13 Mar 2026 12:00:30 GMT")).isEqualTo(30_000L);
    assertThat(backoff.parseRetryAfter("Wed, 21 Oct 2025 07:28:00 GMT")).isZero();
  }

  @Test
  void requestIdsAre16LowercaseHexAndUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = LockLLMClient.newRequestId();
      assertThat(id).matches("[0-9a-f]{16}");
      ids.add(id);
    }
    assertThat(ids).hasSize(1000);
  }
}
