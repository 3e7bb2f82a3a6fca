package com.lockllm.samples.gateway.ops;

import static com.lockllm.samples.gateway.ops.OperationsTest.ATTACK;
import static com.lockllm.samples.gateway.ops.OperationsTest.chat;
import static com.lockllm.samples.gateway.ops.OperationsTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.decision.DecisionLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/** The gateway as shipped writes a JSON decision line for a blocked prompt and samples the routine ones. */
class DecisionLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBlockedPromptIsLoggedAsJsonWithoutItsTextAndRoutineOnesAreSampled() throws Exception {
    try (ConfigurableApplicationContext gateway = start("--lockllm.decision-log.sample-rate=0")) {
      ListAppender<ILoggingEvent> lines = new ListAppender<>();
      Logger logger = (Logger) LoggerFactory.getLogger(DecisionLog.LOGGER);
      lines.start();
      logger.addAppender(lines);
      try {
        assertThat(chat(gateway, ATTACK)).isEqualTo(400);
        assertThat(chat(gateway, "What is the capital of France?")).isEqualTo(200);
      } finally {
        logger.detachAppender(lines);
      }

      List<JsonNode> decisions = new ArrayList<>();
      for (ILoggingEvent event : lines.list) {
        assertThat(event.getFormattedMessage()).doesNotContain("Ignore all previous", "capital of France");
        decisions.add(JSON.readTree(event.getFormattedMessage()));
      }
      assertThat(decisions).singleElement().satisfies(line -> {
        assertThat(line.path("kind").asText()).isEqualTo("request");
        assertThat(line.path("outcome").asText()).isEqualTo("blocked");
        assertThat(line.path("error").asText()).isEqualTo("prompt_injection_detected");
        assertThat(line.path("categories").has("prompt_injection")).isTrue();
        assertThat(line.path("route").asText()).contains("/v1/chat/completions");
        assertThat(line.path("request_id").asText()).isNotBlank();
      });
    }
  }
}
