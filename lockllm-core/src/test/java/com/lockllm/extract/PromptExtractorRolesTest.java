package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.extract;
import static com.lockllm.extract.Bodies.request;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which roles are returned, how roles are read, and member order. */
class PromptExtractorRolesTest {

  @Test
  void rolesNarrowTheScope() {
    byte[] body = request("openai-chat/python-sdk-tools-vision.json");

    assertThat(extract(PromptFormat.AUTO, Set.of("user", "system"), body).segments())
        .extracting(PromptSegment::role, PromptSegment::jsonPointer)
        .containsExactly(
            tuple("system", "/messages/0/content"),
            tuple("user", "/messages/1/content/0/text"),
            tuple("user", "/messages/1/content/2/text"),
            tuple("user", "/messages/4/name"),
            tuple("user", "/messages/4/content"));
  }

  @Test
  void onlyTheSelectedRoles() {
    byte[] body = request("anthropic/python-sdk-tools-system-blocks.json");

    assertThat(extract(PromptFormat.ANTHROPIC, Set.of("assistant"), body).segments())
        .extracting(PromptSegment::role).containsOnly("assistant").hasSize(3);
    assertThat(extract(PromptFormat.ANTHROPIC, Set.of("tool"), body).segments())
        .extracting(PromptSegment::text).containsExactly("65 degrees, sunny", "Forecast: fog rolling in after 6 pm.");
  }

  @Test
  void roleAfterContentStillDecides() {
    byte[] body = utf8("{\"messages\":["
        + "{\"content\":\"instructions\",\"role\":\"system\"},"
        + "{\"content\":[{\"text\":\"part one\",\"type\":\"text\"},{\"type\":\"text\",\"text\":\"part two\"}],\"role\":\"user\"},"
        + "{\"content\":\"result\",\"tool_call_id\":\"c1\",\"role\":\"tool\"}]}");

    assertThat(extract(PromptFormat.OPENAI_CHAT, Set.of("user", "tool"), body).segments())
        .extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(
            tuple("user", "part one", "/messages/1/content/0/text"),
            tuple("user", "part two", "/messages/1/content/1/text"),
            tuple("tool", "result", "/messages/2/content"));
    assertThat(extract(PromptFormat.OPENAI_CHAT, ALL_ROLES, body).segments())
        .extracting(PromptSegment::role)
        .containsExactly("system", "user", "user", "tool");
  }

  @Test
  void roleNamesAcrossProviders() {
    byte[] body = utf8("{\"messages\":["
        + "{\"role\":\"developer\",\"content\":\"a\"},"
        + "{\"role\":\"function\",\"name\":\"f\",\"content\":\"b\"},"
        + "{\"role\":\"MODEL\",\"content\":\"c\"},"
        + "{\"role\":\"Chatbot\",\"content\":\"d\"},"
        + "{\"role\":\"TOOL\",\"content\":\"e\"}]}");

    assertThat(extract(PromptFormat.AUTO, ALL_ROLES, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text)
        .containsExactly(tuple("system", "a"), tuple("tool", "f"), tuple("tool", "b"), tuple("assistant", "c"),
            tuple("assistant", "d"), tuple("tool", "e"));
  }

  @Test
  void missingOrUnknownRolesAreScannedAsUser() {
    byte[] body = utf8("{\"messages\":["
        + "{\"content\":\"no role\"},"
        + "{\"role\":\"narrator\",\"content\":\"odd role\"},"
        + "{\"role\":42,\"content\":\"numeric role\"}]}");

    assertThat(extract(PromptFormat.OPENAI_CHAT, Set.of("user"), body).segments())
        .extracting(PromptSegment::role, PromptSegment::text)
        .containsExactly(tuple("user", "no role"), tuple("user", "odd role"), tuple("user", "numeric role"));
  }

  @Test
  void emptyStringsAreSkippedAndAllFilteredGivesAnEmptyList() {
    byte[] empty = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]}");
    byte[] systemOnly = utf8("{\"messages\":[{\"role\":\"system\",\"content\":\"be nice\"}]}");

    ExtractedPrompt first = extract(PromptFormat.AUTO, ALL_ROLES, empty);
    ExtractedPrompt second = extract(PromptFormat.AUTO, Set.of("user", "tool"), systemOnly);

    assertThat(first.segments()).isEmpty();
    assertThat(first.format()).isEqualTo(PromptFormat.OPENAI_CHAT);
    assertThat(second.segments()).isEmpty();
  }

  /**
   * Images and audio are not text: the engine cannot read them and they are skipped (a known
   * limit). A PDF is read by the model and cannot be scanned: it is reported. The name is read.
   */
  @Test
  void mediaIsSkippedBinaryDocumentsAreReportedAndNamesAreRead() {
    byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"name\":\"mallory\",\"content\":["
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}},"
        + "{\"type\":\"file\",\"file\":{\"file_data\":\"JVBERi0=\",\"filename\":\"a.pdf\"}},"
        + "{\"type\":\"text\",\"text\":\"describe these\"}]}]}");

    ExtractedPrompt prompt = extract(PromptFormat.OPENAI_CHAT, ALL_ROLES, body);
    assertThat(prompt.segments()).extracting(PromptSegment::text).containsExactly("mallory", "describe these");
    assertThat(prompt.unscannable()).containsExactly(new ExtractedPrompt.Unscannable(
        "/messages/0/content/2/file/file_data", ExtractedPrompt.Unscannable.REASON_BINARY_DOCUMENT));
  }

  @Test
  void anthropicPlainTextDocumentSourcesAreDocuments() {
    byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"doc\"}},"
        + "{\"type\":\"text\",\"text\":\"summarise\"}]}]}");

    assertThat(extract(PromptFormat.ANTHROPIC, ALL_ROLES, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text)
        .containsExactly(tuple("document", "doc"), tuple("user", "summarise"));
  }

  @Test
  void anthropicToolResultBlocksAfterRoleAreTool() {
    byte[] body = utf8("{\"messages\":[{\"content\":[{\"content\":[{\"text\":\"out\",\"type\":\"text\"}],"
        + "\"type\":\"tool_result\",\"tool_use_id\":\"t\"}],\"role\":\"user\"}]}");

    assertThat(extract(PromptFormat.ANTHROPIC, ExtractionConfig.DEFAULT_ROLES, body).segments())
        .extracting(PromptSegment::role, PromptSegment::jsonPointer)
        .containsExactly(tuple("tool", "/messages/0/content/0/content/0/text"));
  }

  @Test
  void responsesFunctionCallOutputAsContentParts() {
    byte[] body = utf8("{\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\","
        + "\"output\":[{\"type\":\"input_text\",\"text\":\"tool says hi\"}]}]}");

    assertThat(extract(PromptFormat.OPENAI_RESPONSES, ExtractionConfig.DEFAULT_ROLES, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(tuple("tool", "tool says hi", "/input/0/output/0/text"));
  }
}
