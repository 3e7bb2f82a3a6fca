package com.lockllm.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EchoModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void echoesTheLastUserMessageInTheOpenAiShape() throws IOException {
    byte[] request = ("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
        + "{\"role\":\"assistant\",\"content\":\"x\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"second\"}]}]}").getBytes(StandardCharsets.UTF_8);
    JsonNode answer = JSON.readTree(EchoModel.chatCompletion(request, ScanResponse.builder().safe(true).build()));
    assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
    assertThat(answer.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Echo: second");
    assertThat(answer.at("/lockllm/safe").asBoolean()).isTrue();
    assertThat(EchoModel.chatCompletion(request, null)).isNotEmpty();
    assertThat(JSON.readTree(EchoModel.chatCompletion(request, null)).path("id"))
        .isEqualTo(answer.path("id"));
  }

  @Test
  void refusesABodyThatIsNotJson() {
    assertThatThrownBy(() -> EchoModel.chatCompletion("{nope".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(IOException.class);
  }
}
