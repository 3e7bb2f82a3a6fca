package com.lockllm.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model types read and write JSON exactly as the LockLLM API does. */
class ModelJsonTest {
  static final String FULL = """
      {"safe":false,"label":1,"confidence":92,"injection":87.5,"sensitivity":"high",
       "request_id":"req_1","usage":{"requests":1,"input_chars":50},
       "debug":{"duration_ms":150,"inference_ms":120,"mode":"chunked"},
       "policy_confidence":88.5,
       "policy_warnings":[{"policy_name":"No PII","violated_categories":[{"name":"S7","description":"Privacy"}],"violation_details":"email"}],
       "scan_warning":{"message":"Prompt injection detected","injection_score":87.5,"confidence":92,"label":1},
       "abuse_warnings":{"detected":true,"confidence":70,"abuse_types":["bot_generated"],"indicators":{"bot_score":80},"recommendation":"slow down"},
       "routing":{"enabled":true,"task_type":"Code Generation","complexity":0.4,"selected_model":"gpt-4o-mini","reasoning":"simple","estimated_cost":0.001},
       "pii_result":{"detected":true,"entity_types":["Email"],"entity_count":1,"redacted_input":"mail [Email]"},
       "compression_result":{"method":"toon","compressed_input":"x","original_length":10,"compressed_length":1,"compression_ratio":0.1},
       "some_future_field":{"a":1}}
      """;

  @Test
  void readsEveryFieldAndIgnoresUnknownOnes() throws Exception {
    ScanResponse r = Json.mapper().readValue(FULL, ScanResponse.class);

    assertThat(r.safe()).isFalse();
    assertThat(r.injection()).isEqualTo(87.5);
    assertThat(r.sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(r.usage()).isEqualTo(new Usage(1, 50));
    assertThat(r.debug()).isEqualTo(new Debug(150L, 120L, "chunked"));
    assertThat(r.policyWarnings()).containsExactly(new PolicyViolation("No PII",
        List.of(new ViolatedCategory("S7", "Privacy")), "email"));
    assertThat(r.scanWarning().injectionScore()).isEqualTo(87.5);
    assertThat(r.abuseWarnings().indicators()).isEqualTo(Map.of("bot_score", 80.0));
    assertThat(r.routing().taskType()).isEqualTo("Code Generation");
    assertThat(r.piiResult().redactedInput()).isEqualTo("mail [Email]");
    assertThat(r.compressionResult().compressionRatio()).isEqualTo(0.1);
    assertThat(r.result()).isEqualTo(new ScanResult(false, 1, 92.0, 87.5, Sensitivity.HIGH));
  }

  @Test
  void writesSnakeCaseAndLeavesAbsentFieldsOut() throws Exception {
    ScanResponse r = Json.mapper().readValue(FULL, ScanResponse.class);

    JsonNode written = Json.mapper().valueToTree(r);

    assertThat(written.has("request_id")).isTrue();
    assertThat(written.get("pii_result").has("entity_count")).isTrue();
    assertThat(written.get("pii_result").has("redacted_segments")).isFalse();
    assertThat(written.get("compression_result").has("compressed_length")).isTrue();
    assertThat(written.has("findings")).isFalse();
    assertThat(written.has("result")).isFalse();
    assertThat(Json.mapper().treeToValue(written, ScanResponse.class)).isEqualTo(r);
  }

  @Test
  void emptyObjectsAndListsReadAsAbsent() throws Exception {
    ScanResponse r = Json.mapper().readValue("""
        {"safe":true,"label":0,"sensitivity":"medium","policy_warnings":[],"scan_warning":{},
         "abuse_warnings":{},"routing":{},"pii_result":{},"compression_result":{}}
        """, ScanResponse.class);

    assertThat(r.policyWarnings()).isNull();
    assertThat(r.scanWarning()).isNull();
    assertThat(r.abuseWarnings()).isNull();
    assertThat(r.routing()).isNull();
    assertThat(r.piiResult()).isNull();
    assertThat(r.compressionResult()).isNull();
  }

  @Test
  void findingsAreOurExtensionOnTheWire() throws Exception {
    ScanResponse r = ScanResponse.builder().safe(false).label(1)
        .findings(List.of(new Finding(0, 6, "instruction_override", 90))).build();

    JsonNode written = Json.mapper().valueToTree(r);

    assertThat(written.get("findings").get(0).get("category").asText()).isEqualTo("instruction_override");
    assertThat(Json.mapper().treeToValue(written, ScanResponse.class).findings()).isEqualTo(r.findings());
  }
}
