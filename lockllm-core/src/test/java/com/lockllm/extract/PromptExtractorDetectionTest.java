package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.extract;
import static com.lockllm.extract.Bodies.request;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Format detection in {@code auto}, and explicit formats that do not match the body. */
class PromptExtractorDetectionTest {

  @ParameterizedTest
  @CsvSource({
      "openai-chat/python-sdk-tools-vision.json, OPENAI_CHAT",
      "openai-responses/python-sdk-string-input.json, OPENAI_RESPONSES",
      "openai-responses/python-sdk-items-input.json, OPENAI_RESPONSES",
      "openai-completions/python-sdk-string.json, OPENAI_COMPLETIONS",
      "openai-completions/python-sdk-array.json, OPENAI_COMPLETIONS",
      "anthropic/python-sdk-tools-system-blocks.json, ANTHROPIC",
      "gemini/rest-generate-content-tools.json, GEMINI",
      "cohere/python-sdk-v1-chat.json, COHERE",
      "cohere/python-sdk-v2-chat.json, COHERE",
  })
  void autoDetectsTheFormatAndReadsWhatTheExplicitFormatReads(String path, PromptFormat format) {
    byte[] body = request(path);

    ExtractedPrompt auto = extract(PromptFormat.AUTO, ALL_ROLES, body);
    ExtractedPrompt explicit = extract(format, ALL_ROLES, body);

    assertThat(auto.format()).isEqualTo(format);
    assertThat(auto.segments()).isEqualTo(explicit.segments()).isNotEmpty();
  }

  @Test
  void plainMessagesAreOpenAiChat() {
    byte[] body = utf8("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(extract(PromptFormat.AUTO, ALL_ROLES, body).format()).isEqualTo(PromptFormat.OPENAI_CHAT);
  }

  @Test
  void anthropicVersionMarksMessagesAsAnthropic() {
    byte[] body = utf8("{\"anthropic_version\":\"vertex-2023-10-16\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":64}");

    assertThat(extract(PromptFormat.AUTO, ALL_ROLES, body).format()).isEqualTo(PromptFormat.ANTHROPIC);
  }

  @Test
  void autoReadsEveryKnownFieldAndNamesTheFormatByPriority() {
    byte[] body = utf8("{\"prompt\":\"completion text\",\"messages\":[{\"role\":\"user\",\"content\":\"chat text\"}],"
        + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"gemini text\"}]}]}");

    ExtractedPrompt prompt = extract(PromptFormat.AUTO, ALL_ROLES, body);

    assertThat(prompt.format()).isEqualTo(PromptFormat.GEMINI);
    assertThat(prompt.segments()).extracting(PromptSegment::text)
        .containsExactly("completion text", "chat text", "gemini text");
  }

  @Test
  void cohereV1MessageAloneIsCohere() {
    byte[] body = utf8("{\"message\":\"Hello\",\"model\":\"command-r\"}");

    assertThat(extract(PromptFormat.AUTO, ALL_ROLES, body).format()).isEqualTo(PromptFormat.COHERE);
  }

  @Test
  void responsesInstructionsAloneAreResponses() {
    byte[] body = utf8("{\"instructions\":\"Be terse.\",\"model\":\"gpt-4.1\"}");

    ExtractedPrompt prompt = extract(PromptFormat.AUTO, Set.of("user", "tool"), body);

    assertThat(prompt.format()).isEqualTo(PromptFormat.OPENAI_RESPONSES);
    assertThat(prompt.segments()).isEmpty();
    assertThat(extract(PromptFormat.AUTO, ExtractionConfig.DEFAULT_ROLES, body).segments())
        .extracting(PromptSegment::role).containsExactly("system");
  }

  @Test
  void autoWithoutAnyKnownFieldIsPromptNotFound() {
    LockLLMException e = notFound(PromptFormat.AUTO, "{\"model\":\"gpt-4o\",\"query\":\"SECRET-TEXT\"}");

    assertThat(e.getMessage()).isEqualTo("Could not extract prompt from request: "
        + "no known prompt field: expected one of messages, input, prompt, contents, message");
  }

  @Test
  void aKnownFieldOfTheWrongTypeDoesNotCount() {
    LockLLMException e = notFound(PromptFormat.AUTO, "{\"messages\":\"SECRET-TEXT\"}");

    assertThat(e.getMessage()).doesNotContain("SECRET");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GEMINI | openai-chat/python-sdk-tools-vision.json | expected contents or systemInstruction",
      "OPENAI_CHAT | gemini/rest-generate-content-tools.json | expected messages",
      "OPENAI_COMPLETIONS | anthropic/python-sdk-tools-system-blocks.json | expected prompt",
      "OPENAI_RESPONSES | openai-completions/python-sdk-string.json | expected input or instructions",
      "ANTHROPIC | openai-responses/python-sdk-items-input.json | expected messages or system",
      "COHERE | gemini/rest-generate-content-tools.json | expected message, chat_history, preamble or messages",
  })
  void explicitFormatThatDoesNotMatchTheBodyIsPromptNotFound(PromptFormat format, String path, String expected) {
    LockLLMException e = catchThrowableOfType(LockLLMException.class,
        () -> PromptExtractor.create(ExtractionConfig.builder().format(format).build()).extract(request(path)));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo(InvalidRequestErrors.PROMPT_NOT_FOUND);
    assertThat(e.getMessage()).endsWith(expected);
  }

  @Test
  void explicitFormatReadsOnlyItsOwnTopLevelFields() {
    byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"chat\"}],\"prompt\":\"not chat\"}");

    assertThat(extract(PromptFormat.OPENAI_CHAT, ALL_ROLES, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(tuple("user", "chat", "/messages/0/content"));
  }

  private static LockLLMException notFound(PromptFormat format, String json) {
    LockLLMException e = catchThrowableOfType(LockLLMException.class,
        () -> PromptExtractor.create(ExtractionConfig.builder().format(format).build()).extract(utf8(json)));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo(InvalidRequestErrors.TYPE);
    assertThat(e.code()).isEqualTo(InvalidRequestErrors.PROMPT_NOT_FOUND);
    return e;
  }
}
