package com.lockllm.engine.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.config.Scanners;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.ModelRouting;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskRouterTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final RoutingTable TABLE = RoutingTable.of(new ModelRouting("gpt-4o-mini", null, "gpt-4o",
      List.of(new ModelRouting.Rule("code", "Code Generation", null, "claude-3-7-sonnet"))));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Write a Python function that reverses a linked list | Code Generation",
    "Summarize this article in three key points | Summarization",
    "Translate 'good morning' in French | Translation",
    "Solve the equation 3x + 5 = 20 | Math",
    "Write a haiku about autumn rain | Creative Writing",
    "What is the capital of France? | Open QA",
    "Hello there | Other"
  })
  void classifiesTaskTypesByTheirCues(String prompt, String task) {
    assertThat(TaskRouter.taskType(prompt)).isEqualTo(task);
  }

  @Test
  void complexityGrowsWithLengthRequirementsAndReasoning() {
    double simple = TaskRouter.complexity("What is the capital of France?");
    String hard = "Design the architecture of a payment system and analyze the trade-offs step by step.\n"
        + "1. availability\n2. consistency\n3. latency\n4. cost\n5. compliance\n6. audit\n" + "Context: ".repeat(300);
    double complex = TaskRouter.complexity(hard);
    assertThat(simple).isLessThan(TaskRouter.MEDIUM_FROM);
    assertThat(complex).isGreaterThanOrEqualTo(TaskRouter.HIGH_FROM).isLessThanOrEqualTo(1.0);
  }

  @Test
  void autoPicksTheTierModelAndCustomTriesRulesFirst() {
    TaskRouter router = TaskRouter.create(TABLE);
    RoutingInfo auto = router.route("What is the capital of France?", RouteAction.AUTO);
    assertThat(auto.enabled()).isTrue();
    assertThat(auto.taskType()).isEqualTo("Open QA");
    assertThat(auto.selectedModel()).isEqualTo("gpt-4o-mini");
    assertThat(auto.reasoning()).contains("low tier -> gpt-4o-mini");
    RoutingInfo custom = router.route("Write a Python function to sort a list", RouteAction.CUSTOM);
    assertThat(custom.selectedModel()).isEqualTo("claude-3-7-sonnet");
    assertThat(custom.reasoning()).contains("rule 'code'");
    assertThat(router.route("Explain why the sky is blue", RouteAction.CUSTOM).selectedModel())
        .as("no rule: falls back to the tier").isEqualTo("gpt-4o-mini");
    assertThat(TaskRouter.create(RoutingTable.empty()).route("Hi", RouteAction.AUTO).selectedModel()).isNull();
    assertThat(router.route("Hi", RouteAction.DISABLED)).isNull();
  }

  @Test
  void badRoutingSettingsNameTheProblem() {
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("routing.rules.x.task-type", "Math")))
        .hasMessageContaining("no model");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("routing.model.low", "m")))
        .hasMessageContaining("routing.model.low");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("routing.rules.x.tier", "huge", "routing.rules.x.model", "m")))
        .hasMessageContaining("routing");
  }

  @Test
  void theInterceptorSendsTheRequestToTheSelectedModel() throws Exception {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(Scanners.embedded(LockLLMSettings.fromMap(Map.of("routing.models.low", "gpt-4o-mini")).engineSettings()))
        .options(ScanOptions.builder().routeAction(RouteAction.AUTO).build())
        .build();
    String body = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"What is 2 + 2?\"}], \"temperature\": 0.2}";
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) interceptor.intercept(
        InboundRequest.builder("POST", "/v1/chat/completions").header("Content-Type", "application/json")
            .body(body.getBytes(StandardCharsets.UTF_8)).build());
    assertThat(new String(proceed.body(), StandardCharsets.UTF_8)).isEqualTo(body.replace("\"gpt-4o\"", "\"gpt-4o-mini\""));
    assertThat(proceed.responseHeaders())
        .containsEntry(LockLLMHeaders.ROUTE_ENABLED, "true")
        .containsEntry(LockLLMHeaders.SELECTED_MODEL, "gpt-4o-mini")
        .containsEntry(LockLLMHeaders.ORIGINAL_MODEL, "gpt-4o")
        .containsKey(LockLLMHeaders.TASK_TYPE);
    JsonNode scan = OBJECT_MAPPER.valueToTree(proceed.scanResponse());
    assertThat(scan.path("routing").path("task_type").asText()).isEqualTo("Math");
    assertThat(EmbeddedScanner.create().scan(ScanRequest.of("hi", ScanOptions.empty())).routing()).isNull();
    assertThat(proceed.bodyRewritten()).isTrue();
  }
}
