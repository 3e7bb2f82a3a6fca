package com.lockllm.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
import com.lockllm.output.OutputReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private final List<String> lines = new ArrayList<>();

  private static Decision decision(Decision.Outcome outcome, Decision.Action action) {
    return new Decision(Instant.parse("2026-12-06T10:15:30.120Z"), "req_42", "/v1/chat/completions", "key:ci-bot",
        outcome, action, outcome == Decision.Outcome.BLOCKED ? "prompt_injection_detected" : null,
        outcome == Decision.Outcome.BLOCKED ? 400 : 0, Map.of("instruction_override", 97.0),
        Map.of("Email", 2), null, Duration.ofNanos(41_000), Duration.ofNanos(3_912_345), Duration.ofNanos(4_020_000));
  }

  @Test
  void writesOneJsonLineWithTheDocumentedFields() throws Exception {
    DecisionLog.to(lines::add, 1, () -> 0.5).decided(decision(Decision.Outcome.BLOCKED, Decision.Action.REFUSE));

    assertThat(lines).singleElement().satisfies(line -> assertThat(line).doesNotContain("\n"));
    JsonNode json = Json.mapper().readTree(lines.get(0));
    assertThat(json.get("ts").asText()).isEqualTo("2026-12-06T10:15:30.120Z");
    assertThat(json.get("kind").asText()).isEqualTo("request");
    assertThat(json.get("request_id").asText()).isEqualTo("req_42");
    assertThat(json.get("route").asText()).isEqualTo("/v1/chat/completions");
    assertThat(json.get("client_key").asText()).isEqualTo("key:ci-bot");
    assertThat(json.get("outcome").asText()).isEqualTo("blocked");
    assertThat(json.get("action").asText()).isEqualTo("refuse");
    assertThat(json.get("error").asText()).isEqualTo("prompt_injection_detected");
    assertThat(json.get("status").asInt()).isEqualTo(400);
    assertThat(json.get("categories").get("instruction_override").asDouble()).isEqualTo(97.0);
    assertThat(json.get("pii").get("Email").asInt()).isEqualTo(2);
    assertThat(json.get("body_read_ms").asDouble()).isEqualTo(0.041);
    assertThat(json.get("scan_ms").asDouble()).isEqualTo(3.912);
    assertThat(json.get("total_ms").asDouble()).isEqualTo(4.02);
    assertThat(json.has("failure")).isFalse();
  }

  @Test
  void samplesRoutineDecisionsAndAlwaysWritesFlaggedOnes() {
    DecisionLog log = DecisionLog.to(lines::add, 0.25, () -> 0.5);

    log.decided(decision(Decision.Outcome.ALLOWED, Decision.Action.FORWARD));
    log.decided(decision(Decision.Outcome.UNSCANNED, Decision.Action.FORWARD));
    log.decided(decision(Decision.Outcome.WARNED, Decision.Action.REWRITE));
    log.decided(decision(Decision.Outcome.BLOCKED, Decision.Action.REFUSE));
    log.decided(decision(Decision.Outcome.FAIL_OPEN, Decision.Action.FORWARD));
    DecisionLog.to(lines::add, 0.25, () -> 0.1).decided(decision(Decision.Outcome.ALLOWED, Decision.Action.FORWARD));
    DecisionLog.to(lines::add, 0, () -> 0.0).decided(decision(Decision.Outcome.ALLOWED, Decision.Action.FORWARD));

    assertThat(lines).extracting(line -> line.replaceAll(".*\"outcome\":\"([a-z_]+)\".*", "$1"))
        .containsExactly("warned", "blocked", "fail_open", "allowed");
  }

  @Test
  void aCheckedAnswerGetsALineOfItsOwnWithCountsOnly() throws Exception {
    DecisionLog log = DecisionLog.to(lines::add, 0, () -> 0.5);
    Decision request = decision(Decision.Outcome.ALLOWED, Decision.Action.FORWARD);

    log.answered(request, new OutputReport(Map.of("pii:EMAIL", 2, "secret:AWS_ACCESS_KEY_ID", 1), 3, 0, 0, 1, null,
        false, null));
    log.answered(request, OutputReport.empty(false));

    assertThat(lines).hasSize(1);
    JsonNode json = Json.mapper().readTree(lines.get(0));
    assertThat(json.get("kind").asText()).isEqualTo("answer");
    assertThat(json.get("request_id").asText()).isEqualTo("req_42");
    assertThat(json.get("client_key").asText()).isEqualTo("key:ci-bot");
    assertThat(json.get("action").asText()).isEqualTo("strip");
    assertThat(json.get("findings").get("pii:EMAIL").asInt()).isEqualTo(2);
    assertThat(json.get("stripped").asInt()).isEqualTo(3);
    assertThat(json.get("restored").asInt()).isEqualTo(1);
    assertThat(json.get("shadow").asBoolean()).isFalse();
  }

  @Test
  void aRateOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> DecisionLog.sampled(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRate");
    assertThatThrownBy(() -> DecisionLog.sampled(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
