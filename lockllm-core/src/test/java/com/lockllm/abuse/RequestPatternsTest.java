package com.lockllm.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.scan.AbuseWarning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPatternsTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final ManualClock clock = new ManualClock();
  final RequestPatterns patterns = RequestPatterns.builder(InMemoryCounterStore.create())
      .rapidRequests(30).duplicatePrompts(3).burstMinRequests(10).clock(clock).build();

  @Test
  void aSteadyClientIsNotFlagged() {
    AbuseWarning last = null;
    for (int i = 0; i < 120; i++) {
      last = patterns.observe("ip:1", "question " + i);
      clock.advance(Duration.ofSeconds(3));
    }
    // 20 requests a minute, spread evenly: under the limit, no burst, no duplicates
    assertThat(last.isDetected()).isFalse();
    assertThat(last.indicators().get(RequestPatterns.PATTERN_SCORE)).isLessThan(60.0);
  }

  @Test
  void moreThanTheLimitInAWindowIsRapid() {
    AbuseWarning w = null;
    for (int i = 0; i < 31; i++) {
      w = patterns.observe("ip:1", "q" + i);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(w.abuseTypes()).contains(RequestPatterns.RAPID_REQUESTS);
    assertThat(w.confidence()).isGreaterThanOrEqualTo(50.0);
    assertThat(patterns.observe("ip:2", "q").isDetected()).as("other clients are counted apart").isFalse();
  }

  @Test
  void theSamePromptRepeatedIsDuplicate() {
    patterns.observe("ip:1", "same");
    clock.advance(Duration.ofSeconds(15));
    assertThat(patterns.observe("ip:1", "same").isDetected()).isFalse();
    clock.advance(Duration.ofSeconds(15));
    AbuseWarning w = patterns.observe("ip:1", "same");
    assertThat(w.abuseTypes()).containsExactly(RequestPatterns.DUPLICATE_PROMPTS);
    assertThat(w.recommendation()).containsIgnoringCase("deduplicate");
    clock.advance(Duration.ofSeconds(70));
    assertThat(patterns.observe("ip:1", "same").isDetected()).as("older copies left the window").isFalse();
  }

  @Test
  void mostOfAWindowInItsLastThirtySecondsIsABurst() {
    for (int i = 0; i < 4; i++) {
      patterns.observe("ip:1", "early " + i);
      clock.advance(Duration.ofSeconds(8));
    }
    clock.advance(Duration.ofSeconds(5));
    AbuseWarning w = null;
    for (int i = 0; i < 8; i++) {
      w = patterns.observe("ip:1", "late " + i);
    }
    assertThat(w.abuseTypes()).containsExactly(RequestPatterns.BURST_DETECTED);
    assertThat(w.confidence()).isGreaterThan(50.0);
  }

  @Test
  void asyncObservationCountsTheSame() throws Exception {
    AbuseWarning w = null;
    for (int i = 0; i < 3; i++) {
      w = patterns.observeAsync("ip:9", "again").toCompletableFuture().get();
    }
    assertThat(w.abuseTypes()).contains(RequestPatterns.DUPLICATE_PROMPTS);
  }

  @Test
  void combiningKeepsBothViewsOfTheRequest() {
    AbuseWarning content = new AbuseWarning(true, 80.0, java.util.List.of("bot_generated"),
        java.util.Map.of("bot_score", 80.0), "content");
    AbuseWarning quiet = new AbuseWarning(false, 0.0, java.util.List.of(),
        java.util.Map.of(RequestPatterns.PATTERN_SCORE, 10.0), null);
    AbuseWarning rapid = new AbuseWarning(true, 90.0, java.util.List.of(RequestPatterns.RAPID_REQUESTS),
        java.util.Map.of(RequestPatterns.PATTERN_SCORE, 90.0), "rate");
    assertThat(AbuseWarning.combine(null, quiet)).isNull();
    AbuseWarning a = AbuseWarning.combine(content, quiet);
    assertThat(a.abuseTypes()).containsExactly("bot_generated");
    assertThat(a.indicators()).containsEntry("bot_score", 80.0).containsEntry(RequestPatterns.PATTERN_SCORE, 10.0);
    AbuseWarning b = AbuseWarning.combine(content, rapid);
    assertThat(b.abuseTypes()).containsExactly("bot_generated", RequestPatterns.RAPID_REQUESTS);
    assertThat(b.confidence()).isEqualTo(90.0);
    assertThat(b.recommendation()).isEqualTo("rate");
  }
}
