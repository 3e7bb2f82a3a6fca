package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.output.SseClient.Event;
import com.lockllm.output.SseClient.View;
import java.nio.charset.StandardCharsets;
import com.lockllm.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SseAnswerGuardTest {
  private static final int HOLD = 8;

  /** A streamed answer, how its client reads it, what it must read, and lines that carry no text. */
  record Case(String name, AnswerFormat format, String input, Function<String, View> client,
      Map<String, String> expected, List<ChannelKind> kinds, List<String> untouched) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("openai chat", AnswerFormat.OPENAI_CHAT, SseFixtures.CHAT, SseClient::openAi,
            Map.of("0/reasoning", "Think: the [X] is safe", "0/content", "Héllo, the code is [X] 😀 ok."),
            List.of(ChannelKind.REASONING, ChannelKind.TEXT),
            List.of("\"choices\":[],\"usage\"", ": keep-alive", "data: [DONE]", "\"role\":\"assistant\"")),
        new Case("openai chat tools", AnswerFormat.OPENAI_CHAT, SseFixtures.CHAT_TOOLS, SseClient::openAi,
            Map.of("0/tool/0", "{\"body\":\"key [X] ünïcode\"}", "0/tool/1", "{\"n\":1}"),
            List.of(ChannelKind.TOOL_ARGUMENTS),
            List.of("\"id\":\"call_abc\"", "\"finish_reason\":\"tool_calls\"")),
        new Case("openai completions", AnswerFormat.OPENAI_COMPLETIONS, SseFixtures.COMPLETIONS, SseClient::openAi,
            Map.of("0/text", "One [X] end", "1/text", "Two more ☃"),
            List.of(ChannelKind.TEXT),
            List.of("data: [DONE]")),
        new Case("openai responses", AnswerFormat.OPENAI_RESPONSES, SseFixtures.RESPONSES, SseClient::responses,
            Map.of("rs_1/0/0", "Plan: hide the [X] now", "msg_1/0/0", "Voilà: [X] 😀 and more text",
                "fc_1/0/0", "{\"city\":\"[X] town\"}"),
            List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS),
            List.of("\"type\":\"response.created\"", "\"type\":\"response.in_progress\"", "\"sequence_number\":2,")),
        new Case("anthropic", AnswerFormat.ANTHROPIC, SseFixtures.ANTHROPIC, SseClient::anthropic,
            Map.of("0/thinking", "Let me hide [X] first.", "1/text", "Héllo [X] 😀!",
                "2/partial_json", "{\"location\": \"[X], CA\"}"),
            List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS),
            List.of("data: {\"type\": \"ping\"}", "\"type\":\"message_start\"", "\"type\":\"signature_delta\"",
                "\"type\":\"message_delta\"", "\"type\":\"message_stop\"", "\"type\":\"tool_use\"")),
        new Case("gemini", AnswerFormat.GEMINI, SseFixtures.GEMINI, SseClient::gemini,
            Map.of("0/thought", "Thinking about [X].", "0/text", "Héllo [X] 😀 bye",
                "0/call", "{\"q\":\"the [X]\",\"n\":2}"),
            List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS),
            List.of()),
        new Case("cohere", AnswerFormat.COHERE, SseFixtures.COHERE, SseClient::cohere,
            Map.of("plan", "I will look up [X] data", "tool/0", "{\"q\": \"[X]\"}", "content/0", "Héllo [X] 😀 done"),
            List.of(ChannelKind.REASONING, ChannelKind.TOOL_ARGUMENTS, ChannelKind.TEXT),
            List.of("\"type\":\"message-start\"", "\"type\":\"message-end\"", "\"type\":\"tool-call-end\"")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theClientReadsEveryChannelRedactedAndWhole(Case c) {
    MarkerChannels channels = new MarkerChannels(HOLD);
    String out = SseClient.run(c.format(), channels, c.input());

    View view = c.client().apply(out);
    assertThat(view.texts()).isEqualTo(c.expected());
    assertThat(view.terminal()).isTrue();
    assertThat(view.error()).isNull();
    assertThat(Set.copyOf(channels.kinds())).isEqualTo(Set.copyOf(c.kinds()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void autoDetectsTheFormatFromTheFirstEvents(Case c) {
    assertThat(SseClient.run(AnswerFormat.AUTO, new MarkerChannels(HOLD), c.input()))
        .isEqualTo(SseClient.run(c.format(), new MarkerChannels(HOLD), c.input()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theOutputIsTheSameHoweverTheBytesAreSplit(Case c) {
    String whole = SseClient.run(c.format(), new MarkerChannels(HOLD), c.input());
    assertThat(SseClient.splitRuns(c.format(), () -> new MarkerChannels(HOLD), c.input(), c.name().hashCode(), 30))
        .allSatisfy(out -> assertThat(out).isEqualTo(whole));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void channelsThatChangeNothingLeaveEveryByte(Case c) {
    assertThat(SseClient.run(c.format(), new MarkerChannels(0), c.input())).isEqualTo(c.input());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eventsWithoutTextKeepTheirBytes(Case c) {
    String out = SseClient.run(c.format(), new MarkerChannels(HOLD), c.input());
    String lineEnd = c.input().contains("\r\n") ? "\r\n" : "\n";
    for (String mark : c.untouched()) {
      String line = Arrays.stream(c.input().split(lineEnd)).filter(l -> l.contains(mark)).findFirst().orElseThrow();
      assertThat(out).as(mark).contains(line + lineEnd);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aStopEndsTheAnswerWithTheProvidersErrorEventAndNoTerminalEvent(Case c) {
    String input = c.input().replace("SEC", "ST").replace("RET", "OP");
    MarkerChannels channels = new MarkerChannels(HOLD);
    SseAnswerGuard guard = new SseAnswerGuard(c.format(), channels);
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    String out = new String(guard.accept(bytes, 0, bytes.length), StandardCharsets.UTF_8);

    assertThat(guard.stopped()).isTrue();
    assertThat(guard.accept(bytes, 0, bytes.length)).isEmpty();
    assertThat(guard.finish()).isEmpty();
    View view = c.client().apply(out);
    assertThat(view.terminal()).isFalse();
    assertThat(view.error()).isNotNull();
    assertThat(view.texts().values()).noneMatch(text -> text.contains("ST" + "OP"));
    List<Event> events = SseClient.events(out);
    Event last = events.get(events.size() - 1);
    assertThat(last.data()).isEqualTo(new String(AnswerFormat.errorEvent(MarkerChannels.BLOCKED, c.format().dialect().shape(), "\n"),
        StandardCharsets.UTF_8).replaceAll("(?s).*data: (.*)\n\n", "$1"));
    assertThat(SseClient.splitRuns(c.format(), () -> new MarkerChannels(HOLD), input, 7, 10))
        .allSatisfy(split -> assertThat(split).isEqualTo(out));
  }

  @Test
  void aStopSendsTheTextBeforeItThenTheError() {
    String input = SseFixtures.CHAT.replace("SEC", "ST").replace("RET", "OP");
    String out = SseClient.run(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), input);

    View view = SseClient.openAi(out);
    assertThat(view.texts()).isEqualTo(Map.of("0/reasoning", "Think: the "));
    assertThat(view.error().path("error").path("code").asText()).isEqualTo("output_blocked");
    assertThat(out).doesNotContain("[DONE]").endsWith("\n\n");
  }

  @Test
  void errorEventsFollowEachProvidersStreamingShape() {
    assertThat(json(AnswerFormat.OPENAI_CHAT)).isEqualTo("data: {\"error\":{\"message\":\"the answer was blocked\","
        + "\"type\":\"lockllm_error\",\"code\":\"output_blocked\"}}\n\n");
    assertThat(json(AnswerFormat.OPENAI_RESPONSES)).isEqualTo("event: error\ndata: {\"type\":\"error\","
        + "\"code\":\"output_blocked\",\"message\":\"the answer was blocked\",\"param\":null}\n\n");
    assertThat(json(AnswerFormat.ANTHROPIC)).isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{"
        + "\"type\":\"lockllm_error\",\"message\":\"the answer was blocked\"}}\n\n");
    assertThat(json(AnswerFormat.GEMINI)).isEqualTo("data: {\"error\":{\"code\":403,"
        + "\"message\":\"the answer was blocked\",\"status\":\"PERMISSION_DENIED\"}}\n\n");
    assertThat(json(AnswerFormat.COHERE)).isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{"
        + "\"message\":\"the answer was blocked\",\"type\":\"lockllm_error\",\"code\":\"output_blocked\"}}\n\n");
    assertThat(json(AnswerFormat.AUTO)).isEqualTo(json(AnswerFormat.OPENAI_CHAT));
  }

  private static String json(AnswerFormat format) {
    return new String(format.errorEvent(MarkerChannels.BLOCKED), StandardCharsets.UTF_8);
  }

  @Test
  void heldTextGoesOutBeforeTheEventThatEndsItsChannel() {
    String out = SseClient.run(AnswerFormat.ANTHROPIC, new MarkerChannels(HOLD), SseFixtures.ANTHROPIC);
    List<Event> events = SseClient.events(out);
    int firstStop = indexOf(events, "content_block_stop");
    assertThat(events.subList(0, firstStop).stream().map(e -> e.json().path("delta").path("thinking").asText())
        .reduce("", String::concat)).isEqualTo("Let me hide [X] first.");
    assertThat(events.get(firstStop - 1).data())
        .isEqualTo("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"[X] first.\"}}");
  }

  @Test
  void heldTextJoinsTheFinishingChunkWhenThatChunkCarriesTheChannel() {
    String out = SseClient.run(AnswerFormat.OPENAI_COMPLETIONS, new MarkerChannels(HOLD), SseFixtures.COMPLETIONS);
    List<JsonNode> chunks = SseClient.events(out).stream().filter(e -> !e.data().equals("[DONE]")).map(Event::json).toList();
    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(2).path("choices").get(0).path("text").asText()).isEqualTo("One [X] end");
    assertThat(chunks.get(2).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void responsesRepeatsCarryTheRedactedTextThroughReplayChannels() {
    MarkerChannels channels = new MarkerChannels(HOLD);
    String out = SseClient.run(AnswerFormat.OPENAI_RESPONSES, channels, SseFixtures.RESPONSES);
    List<Event> events = SseClient.events(out);

    JsonNode completed = events.get(events.size() - 1).json().path("response");
    assertThat(completed.path("instructions").asText()).isEqualTo("You are a SECRET keeper");
    assertThat(completed.path("output").findValuesAsText("text"))
        .containsExactly("Plan: hide the [X] now", "Voilà: [X] 😀 and more text");
    assertThat(completed.path("output").get(2).path("arguments").asText()).isEqualTo("{\"city\":\"[X] town\"}");
    JsonNode messageDone = events.stream().map(Event::json)
        .filter(j -> j.path("type").asText().equals("response.output_item.done") && j.path("output_index").asInt() == 1)
        .findFirst().orElseThrow();
    assertThat(messageDone.path("item").path("content").get(0).path("text").asText()).isEqualTo("Voilà: [X] 😀 and more text");
    assertThat(out).doesNotContain("SECRET now", "SECRET 😀", "SECRET town");
    assertThat(channels.opened.stream().filter(o -> !o.replay()).map(MarkerChannels.Opened::kind))
        .containsExactly(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS);
    assertThat(channels.opened.stream().filter(MarkerChannels.Opened::replay)).hasSizeGreaterThan(3);
  }

  @Test
  void anEventOverTheLimitEndsTheAnswerAsAnUpstreamError() {
    SseAnswerGuard guard = new SseAnswerGuard(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), 256);
    byte[] big = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "a".repeat(300) + "\"}}]}\n\n")
        .getBytes(StandardCharsets.UTF_8);
    String out = new String(guard.accept(big, 0, big.length), StandardCharsets.UTF_8);

    assertThat(guard.stopped()).isTrue();
    assertThat(SseClient.events(out)).singleElement()
        .satisfies(e -> assertThat(e.json().path("error").path("type").asText()).isEqualTo("upstream_error"));
    assertThat(guard.finish()).isEmpty();
  }

  @Test
  void dataThatLooksLikeJsonButIsNotEndsTheAnswer() {
    for (String data : List.of("{\"choices\":[", "{\"a\":\"SECRET\",\"a\":\"ok\"}", "{\"a\":1} trailing")) {
      MarkerChannels channels = new MarkerChannels(HOLD);
      String out = SseClient.run(AnswerFormat.AUTO, channels, "data: {\"x\":1}\n\ndata: " + data + "\n\ndata: [DONE]\n\n");
      assertThat(out).as(data).isEqualTo("data: {\"x\":1}\n\ndata: {\"error\":{\"message\":"
          + "\"the upstream sent an answer event that is not valid JSON\",\"type\":\"upstream_error\","
          + "\"code\":\"provider_error\"}}\n\n");
    }
  }

  @Test
  void dataThatIsNotJsonAndCommentsPassAsTheyCame() {
    String input = ": hello\r\nretry: 1000\r\n\r\nevent: note\r\ndata: plain SECRET text\r\nid: 7\r\n\r\ndata: [DONE]\r\n\r\n";
    assertThat(SseClient.run(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), input)).isEqualTo(input);
  }

  @Test
  void aChangedEventKeepsItsOtherLinesAndLineEnds() {
    String input = "id: 1\rdata:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a SECRET b\"},\r"
        + "data: \"finish_reason\":\"stop\"}]}\r: note\r\r";
    String out = SseClient.run(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), input);
    assertThat(out).isEqualTo("id: 1\rdata:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a [X] b\"},"
        + "\"finish_reason\":\"stop\"}]}\r: note\r\r");
  }

  @Test
  void theUpstreamsEndFlushesTheChannelsAndEndsALastUnendedEvent() {
    String input = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one SE\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"CRET two\"}}]}";
    String out = SseClient.run(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), input);
    assertThat(SseClient.openAi(out).texts()).isEqualTo(Map.of("0/content", "one [X] two"));
    assertThat(out).endsWith("\n\n");
    assertThat(SseClient.splitRuns(AnswerFormat.OPENAI_CHAT, () -> new MarkerChannels(HOLD), input, 3, 10))
        .allSatisfy(split -> assertThat(split).isEqualTo(out));
  }

  @Test
  void pointersMakeOneChannelPerPathEndingAtDone() {
    AnswerFormat format = AnswerFormat.pointers(List.of("/choices/*/delta/content"));
    MarkerChannels channels = new MarkerChannels(HOLD);
    String out = SseClient.run(format, channels, SseFixtures.CHAT);

    // no end marks a pointer's channel but [DONE]: its held text comes after the finish_reason chunk
    List<Event> events = SseClient.events(out);
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    events.subList(0, events.size() - 1).forEach(e -> {
      JsonNode delta = e.json().path("choices").path(0).path("delta");
      content.append(delta.path("content").isTextual() ? delta.path("content").asText() : "");
      reasoning.append(delta.path("reasoning_content").isTextual() ? delta.path("reasoning_content").asText() : "");
    });
    assertThat(content).hasToString("Héllo, the code is [X] 😀 ok.");
    assertThat(reasoning).hasToString("Think: the SECRET is safe");
    assertThat(channels.kinds()).containsOnly(ChannelKind.TEXT);
  }

  @Test
  void autoChecksEveryStringOfEventsOfNoKnownShapeWhole() {
    String input = "data: {\"result\":{\"text\":\"a SECRET\",\"id\":\"r-1\",\"n\":[\"SECRET\",1]}}\n\n";
    String out = SseClient.run(AnswerFormat.AUTO, new MarkerChannels(HOLD), input);
    assertThat(out).isEqualTo("data: {\"result\":{\"text\":\"a [X]\",\"id\":\"r-1\",\"n\":[\"[X]\",1]}}\n\n");
  }

  @Test
  void randomTextsInRandomDeltasReadAsTheWholeTextChecked() {
    Random random = new Random(17);
    List<String> pieces = List.of("a", "b ", "SECRET", "SEC", "RET", "é", "😀", "\"", "\\", "\n");
    for (int run = 0; run < 200; run++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(30); n > 0; n--) {
        text.append(pieces.get(random.nextInt(pieces.size())));
      }
      List<String> deltas = new ArrayList<>();
      for (int at = 0; at < text.length(); ) {
        int end = Math.min(text.length(), at + 1 + random.nextInt(9));
        if (Character.isHighSurrogate(text.charAt(end - 1)) && end < text.length()) {
          end++;
        }
        deltas.add(text.substring(at, end));
        at = end;
      }
      StringBuilder chat = new StringBuilder();
      StringBuilder anthropic = new StringBuilder("event: content_block_start\ndata: "
          + "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
      for (String delta : deltas) {
        String quoted = Json.mapper().valueToTree(delta).toString();
        chat.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(quoted)
            .append("},\"finish_reason\":null}]}\n\n");
        anthropic.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":").append(quoted).append("}}\n\n");
      }
      chat.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
      anthropic.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
      String expected = MarkerChannels.expected(text.toString());
      String chatOut = SseClient.run(AnswerFormat.OPENAI_CHAT, new MarkerChannels(HOLD), chat.toString());
      assertThat(SseClient.openAi(chatOut).texts().getOrDefault("0/content", "")).as(text.toString()).isEqualTo(expected);
      String anthropicOut = SseClient.run(AnswerFormat.ANTHROPIC, new MarkerChannels(HOLD), anthropic.toString());
      assertThat(SseClient.anthropic(anthropicOut).texts().getOrDefault("0/text", "")).as(text.toString()).isEqualTo(expected);
    }
  }

  private static int indexOf(List<Event> events, String type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.equals(events.get(i).name())) {
        return i;
      }
    }
    throw new AssertionError(type);
  }
}
