package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.extract.PromptFormat;
import com.lockllm.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerFormatTest {
  /** A buffered answer, with every text carrying SECRET, and what it must become. */
  record Case(String name, AnswerFormat format, String answer, String expected, List<ChannelKind> kinds) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("openai chat", AnswerFormat.OPENAI_CHAT, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741569952,"model":"gpt-4.1","choices":[
             {"index":0,"message":{"role":"assistant","content":"Héllo SECRET","refusal":null,
              "reasoning_content":"I think SECRET","tool_calls":[{"id":"call_1","type":"function",
              "function":{"name":"get","arguments":"{\\"a\\":\\"SECRET\\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"},
             {"index":1,"message":{"role":"assistant","content":[{"type":"text","text":"part SECRET"}],"refusal":"no SECRET"},
              "finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29},"system_fingerprint":"SECRET-fp"}
            """, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741569952,"model":"gpt-4.1","choices":[
             {"index":0,"message":{"role":"assistant","content":"Héllo [X]","refusal":null,
              "reasoning_content":"I think [X]","tool_calls":[{"id":"call_1","type":"function",
              "function":{"name":"get","arguments":"{\\"a\\":\\"[X]\\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"},
             {"index":1,"message":{"role":"assistant","content":[{"type":"text","text":"part [X]"}],"refusal":"no [X]"},
              "finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29},"system_fingerprint":"SECRET-fp"}
            """, List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS, ChannelKind.TEXT,
            ChannelKind.TEXT)),
        new Case("openai completions", AnswerFormat.OPENAI_COMPLETIONS, """
            {"id":"cmpl-1","object":"text_completion","model":"gpt-3.5-turbo-instruct",
             "choices":[{"text":"a SECRET","index":0,"logprobs":null,"finish_reason":"length"}]}
            """, """
            {"id":"cmpl-1","object":"text_completion","model":"gpt-3.5-turbo-instruct",
             "choices":[{"text":"a [X]","index":0,"logprobs":null,"finish_reason":"length"}]}
            """, List.of(ChannelKind.TEXT)),
        new Case("openai responses", AnswerFormat.OPENAI_RESPONSES, """
            {"id":"resp_1","object":"response","status":"completed","instructions":"Keep the SECRET","output":[
             {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"sum SECRET"}],
              "content":[{"type":"reasoning_text","text":"raw SECRET"}]},
             {"id":"msg_1","type":"message","role":"assistant","content":[
              {"type":"output_text","text":"out SECRET","annotations":[]},{"type":"refusal","refusal":"ref SECRET"}]},
             {"id":"fc_1","type":"function_call","call_id":"c1","name":"f","arguments":"{\\"x\\":\\"SECRET\\"}"}],
             "output_text":"out SECRET"}
            """, """
            {"id":"resp_1","object":"response","status":"completed","instructions":"Keep the SECRET","output":[
             {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"sum [X]"}],
              "content":[{"type":"reasoning_text","text":"raw [X]"}]},
             {"id":"msg_1","type":"message","role":"assistant","content":[
              {"type":"output_text","text":"out [X]","annotations":[]},{"type":"refusal","refusal":"ref [X]"}]},
             {"id":"fc_1","type":"function_call","call_id":"c1","name":"f","arguments":"{\\"x\\":\\"[X]\\"}"}],
             "output_text":"out [X]"}
            """, List.of(ChannelKind.TEXT, ChannelKind.REASONING, ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TEXT,
            ChannelKind.TOOL_ARGUMENTS)),
        new Case("anthropic", AnswerFormat.ANTHROPIC, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
             {"type":"thinking","thinking":"hmm SECRET","signature":"SECRETsig"},
             {"type":"text","text":"Héllo SECRET"},
             {"type":"tool_use","id":"toolu_1","name":"get","input":{"q":"SECRET","opts":{"tags":["SECRET",3]}}}],
             "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":20}}
            """, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
             {"type":"thinking","thinking":"hmm [X]","signature":"SECRETsig"},
             {"type":"text","text":"Héllo [X]"},
             {"type":"tool_use","id":"toolu_1","name":"get","input":{"q":"[X]","opts":{"tags":["[X]",3]}}}],
             "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":20}}
            """, List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS, ChannelKind.TOOL_ARGUMENTS)),
        new Case("gemini", AnswerFormat.GEMINI, """
            {"candidates":[{"content":{"parts":[{"text":"think SECRET","thought":true},{"text":"say SECRET"},
              {"functionCall":{"name":"f","args":{"q":"SECRET"}}}],"role":"model"},"finishReason":"STOP","index":0}],
             "modelVersion":"gemini-2.5-flash"}
            """, """
            {"candidates":[{"content":{"parts":[{"text":"think [X]","thought":true},{"text":"say [X]"},
              {"functionCall":{"name":"f","args":{"q":"[X]"}}}],"role":"model"},"finishReason":"STOP","index":0}],
             "modelVersion":"gemini-2.5-flash"}
            """, List.of(ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS)),
        new Case("gemini stream without alt=sse", AnswerFormat.GEMINI, """
            [{"candidates":[{"content":{"parts":[{"text":"one SECRET"}],"role":"model"},"index":0}]},
             {"candidates":[{"content":{"parts":[{"text":"two SECRET"}],"role":"model"},"finishReason":"STOP","index":0}]}]
            """, """
            [{"candidates":[{"content":{"parts":[{"text":"one [X]"}],"role":"model"},"index":0}]},
             {"candidates":[{"content":{"parts":[{"text":"two [X]"}],"role":"model"},"finishReason":"STOP","index":0}]}]
            """, List.of(ChannelKind.TEXT, ChannelKind.TEXT)),
        new Case("cohere v2", AnswerFormat.COHERE, """
            {"id":"c-1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"plan SECRET",
             "content":[{"type":"thinking","thinking":"deep SECRET"},{"type":"text","text":"say SECRET"}],
             "tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{\\"q\\":\\"SECRET\\"}"}}]},
             "usage":{"tokens":{"input_tokens":1,"output_tokens":2}}}
            """, """
            {"id":"c-1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"plan [X]",
             "content":[{"type":"thinking","thinking":"deep [X]"},{"type":"text","text":"say [X]"}],
             "tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{\\"q\\":\\"[X]\\"}"}}]},
             "usage":{"tokens":{"input_tokens":1,"output_tokens":2}}}
            """, List.of(ChannelKind.REASONING, ChannelKind.REASONING, ChannelKind.TEXT, ChannelKind.TOOL_ARGUMENTS)),
        new Case("cohere v1", AnswerFormat.COHERE, """
            {"response_id":"r1","text":"say SECRET","generation_id":"g1","chat_history":[{"role":"USER","message":"SECRET?"}],
             "finish_reason":"COMPLETE"}
            """, """
            {"response_id":"r1","text":"say [X]","generation_id":"g1","chat_history":[{"role":"USER","message":"SECRET?"}],
             "finish_reason":"COMPLETE"}
            """, List.of(ChannelKind.TEXT)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyTextIsGuardedOnItsOwnChannelAndNothingElseIsTouched(Case c) {
    MarkerChannels channels = new MarkerChannels(8);
    JsonNode answer = read(c.answer());

    assertThat(c.format().guard(answer, channels)).isTrue();
    assertThat(answer).isEqualTo(read(c.expected()));
    assertThat(channels.opened).allSatisfy(o -> assertThat(o.replay()).isFalse());
    assertThat(channels.kinds()).containsExactlyElementsOf(c.kinds());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void autoDetectsTheShape(Case c) {
    JsonNode answer = read(c.answer());
    assertThat(AnswerFormat.AUTO.guard(answer, new MarkerChannels(8))).isTrue();
    assertThat(answer).isEqualTo(read(c.expected()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aStopEndsTheGuard(Case c) {
    MarkerChannels channels = new MarkerChannels(8);
    assertThat(c.format().guard(read(c.answer().replace("SECRET", "STOP")), channels)).isFalse();
    assertThat(channels.opened).hasSize(1);
  }

  @Test
  void autoChecksEveryStringOfAnAnswerOfNoKnownShape() {
    JsonNode answer = read("{\"result\":{\"text\":\"a SECRET\",\"list\":[\"SECRET\",{\"k\":\"SECRET!\"}],\"n\":1}}");
    assertThat(AnswerFormat.AUTO.guard(answer, new MarkerChannels(8))).isTrue();
    assertThat(answer).isEqualTo(read("{\"result\":{\"text\":\"a [X]\",\"list\":[\"[X]\",{\"k\":\"[X]!\"}],\"n\":1}}"));
  }

  @Test
  void pointersReachEveryStringUnderTheirMatchesOnce() {
    AnswerFormat format = AnswerFormat.pointers(List.of("/data/*/out", "/data/0", "/meta/a~1b"));
    JsonNode answer = read("""
        {"data":[{"out":"SECRET 0","in":"SECRET"},{"out":["SECRET 1",{"deep":"SECRET 2"}],"in":"SECRET"}],
         "meta":{"a/b":"SECRET 3","c":"SECRET"},"top":"SECRET"}
        """);
    MarkerChannels channels = new MarkerChannels(8);

    assertThat(format.guard(answer, channels)).isTrue();
    assertThat(answer).isEqualTo(read("""
        {"data":[{"out":"[X] 0","in":"[X]"},{"out":["[X] 1",{"deep":"[X] 2"}],"in":"SECRET"}],
         "meta":{"a/b":"[X] 3","c":"SECRET"},"top":"SECRET"}
        """));
    assertThat(channels.opened).hasSize(5);
    assertThat(format.name()).isEqualTo("pointers");
  }

  @Test
  void pointersMustBeValid() {
    assertThatThrownBy(() -> AnswerFormat.pointers(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnswerFormat.pointers(List.of("no-slash"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAnswerFormatFollowsTheRequestFormat() {
    assertThat(Stream.of(PromptFormat.values()).map(f -> AnswerFormat.of(f).name()))
        .containsExactly("auto", "openai-chat", "openai-responses", "openai-completions", "anthropic", "gemini",
            "cohere", "auto");
  }

  private static JsonNode read(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
