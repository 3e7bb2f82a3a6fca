package com.lockllm.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Test
  void answersTheResponsesAndMessagesShapes() throws IOException {
    byte[] responses = "{\"model\":\"gpt-4.1\",\"input\":\"hi there\"}".getBytes(StandardCharsets.UTF_8);
    JsonNode response = JSON.readTree(EchoModel.answer(EchoModel.Api.RESPONSES, responses, null));
    assertThat(response.path("object").asText()).isEqualTo("response");
    assertThat(response.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
    assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Echo: hi there");

    byte[] messages = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"system\":\"be brief\","
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}]}")
        .getBytes(StandardCharsets.UTF_8);
    JsonNode message = JSON.readTree(EchoModel.answer(EchoModel.Api.MESSAGES, messages, null));
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.at("/content/0/text").asText()).isEqualTo("Echo: hello");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.at("/usage/output_tokens").asInt()).isPositive();
  }

  @Test
  void streamsOneDeltaPerWordInEachApisEvents() throws IOException {
    byte[] chat = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(EchoModel.wantsStream(chat)).isTrue();
    List<String> events = EchoModel.events(EchoModel.Api.CHAT_COMPLETIONS, chat);
    assertThat(events).allMatch(e -> e.startsWith("data: ") && e.endsWith("\n\n"));
    assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    for (String event : events.subList(0, events.size() - 1)) {
      text.append(JSON.readTree(event.substring(6)).at("/choices/0/delta/content").asText(""));
    }
    assertThat(text.toString()).isEqualTo("Echo: a b");

    List<String> messageEvents = EchoModel.events(EchoModel.Api.MESSAGES, chat);
    assertThat(messageEvents.get(0)).startsWith("event: message_start\ndata: {");
    assertThat(messageEvents.get(messageEvents.size() - 1)).startsWith("event: message_stop\n");
    List<String> responseEvents = EchoModel.events(EchoModel.Api.RESPONSES,
        "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x\"}]}]}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(responseEvents.get(0)).startsWith("event: response.created\n");
    assertThat(responseEvents.get(responseEvents.size() - 1)).startsWith("event: response.completed\n")
        .contains("Echo: x");
  }
}
