package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code pointers} format and pointers added to other formats. */
class PromptExtractorPointersTest {

  @Test
  void stringPointer() {
    assertThat(pointers(List.of("/question"), "{\"id\":7,\"question\":\"What is 2+2?\"}"))
        .containsExactly(tuple("user", "What is 2+2?", "/question"));
  }

  @Test
  void arrayPointerGivesEachStringItsOwnSegment() {
    assertThat(pointers(List.of("/data/items"), "{\"data\":{\"items\":[\"one\",2,\"two\",[\"three\"],null]}}"))
        .containsExactly(
            tuple("user", "one", "/data/items/0"),
            tuple("user", "two", "/data/items/2"),
            tuple("user", "three", "/data/items/3/0"));
  }

  @Test
  void objectPointerTakesEveryStringUnderIt() {
    assertThat(pointers(List.of("/form"), "{\"form\":{\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\"},"
        + "\"notes\":[\"n1\",{\"text\":\"n2\"}],\"age\":30},\"other\":\"no\"}"))
        .containsExactly(
            tuple("user", "Ann", "/form/name"),
            tuple("user", "Oslo", "/form/address/city"),
            tuple("user", "n1", "/form/notes/0"),
            tuple("user", "n2", "/form/notes/1/text"));
  }

  @Test
  void escapedPointerTokens() {
    assertThat(pointers(List.of("/a~1b/c~0d"), "{\"a/b\":{\"c~d\":\"found\",\"c\":\"not\"},\"a\":{\"b\":\"not\"}}"))
        .containsExactly(tuple("user", "found", "/a~1b/c~0d"));
  }

  @Test
  void arrayIndexPointer() {
    assertThat(pointers(List.of("/turns/1/text"), "{\"turns\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"}]}"))
        .containsExactly(tuple("user", "b", "/turns/1/text"));
  }

  @Test
  void wholeDocumentPointer() {
    assertThat(pointers(List.of(""), "{\"a\":\"x\",\"b\":[\"y\"]}"))
        .containsExactly(tuple("user", "x", "/a"), tuple("user", "y", "/b/0"));
  }

  @Test
  void absentPointersAreSkipped() {
    assertThat(pointers(List.of("/missing", "/q", "/also/missing"), "{\"q\":\"here\",\"also\":{}}"))
        .containsExactly(tuple("user", "here", "/q"));
  }

  @Test
  void noResolvingPointerIsPromptNotFound() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.POINTERS).pointers(List.of("/q", "/r")).build());

    assertThatThrownBy(() -> extractor.extract(utf8("{\"q\":null,\"s\":\"SECRET\"}")))
        .isInstanceOfSatisfying(LockLLMException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo(InvalidRequestErrors.PROMPT_NOT_FOUND);
          assertThat(e.getMessage()).doesNotContain("SECRET");
        });
  }

  @Test
  void resolvingPointerWithOnlyEmptyTextGivesAnEmptyList() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.POINTERS).pointers(List.of("/q")).build());

    ExtractedPrompt prompt = Bodies.extract(extractor, utf8("{\"q\":\"\"}"));

    assertThat(prompt.format()).isEqualTo(PromptFormat.POINTERS);
    assertThat(prompt.segments()).isEmpty();
  }

  @Test
  void pointersAreAddedToOtherFormatsInDocumentOrder() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.OPENAI_CHAT).pointers(List.of("/metadata/note", "/user_context")).build());
    byte[] body = utf8("{\"user_context\":\"ctx\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"metadata\":{\"note\":\"remember me\"}}");

    assertThat(Bodies.extract(extractor, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(
            tuple("user", "ctx", "/user_context"),
            tuple("user", "hi", "/messages/0/content"),
            tuple("user", "remember me", "/metadata/note"));
  }

  @Test
  void aStringNamedByFormatAndPointerAppearsOnceWithTheFormatsSelectedRole() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.OPENAI_CHAT).roles(ALL_ROLES).pointers(List.of("/messages/0/content")).build());
    byte[] body = utf8("{\"messages\":[{\"role\":\"system\",\"content\":\"sys\"}]}");

    assertThat(Bodies.extract(extractor, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text)
        .containsExactly(tuple("system", "sys"));
  }

  @Test
  void aPointerScansTextWhoseFormatRoleIsNotSelected() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.AUTO).roles(Set.of("user", "tool"))
        .pointers(List.of("/messages/0/content", "/messages/1")).build());
    byte[] body = utf8("{\"messages\":[{\"content\":\"sys\",\"role\":\"system\"},"
        + "{\"role\":\"assistant\",\"content\":\"asst\"}]}");

    assertThat(Bodies.extract(extractor, body).segments())
        .extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(
            tuple("user", "sys", "/messages/0/content"),
            tuple("user", "assistant", "/messages/1/role"),
            tuple("user", "asst", "/messages/1/content"));
  }

  @Test
  void aResolvingPointerSatisfiesAFormatWhoseFieldsAreAbsent() {
    PromptExtractor auto = PromptExtractor.create(ExtractionConfig.builder().pointers(List.of("/query")).build());
    PromptExtractor chat = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.OPENAI_CHAT).pointers(List.of("/query")).build());
    byte[] body = utf8("{\"query\":\"search me\"}");

    assertThat(Bodies.extract(auto, body).format()).isEqualTo(PromptFormat.POINTERS);
    assertThat(Bodies.extract(chat, body).format()).isEqualTo(PromptFormat.OPENAI_CHAT);
    assertThat(Bodies.extract(chat, body).segments()).extracting(PromptSegment::text).containsExactly("search me");
  }

  @Test
  void pointerSegmentsAreUserTextAndFollowRoleSelection() {
    PromptExtractor toolOnly = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.POINTERS).pointers(List.of("/q")).roles(Set.of("tool")).build());

    ExtractedPrompt prompt = Bodies.extract(toolOnly, utf8("{\"q\":\"text\"}"));

    assertThat(prompt.segments()).isEmpty();
  }

  private static List<org.assertj.core.groups.Tuple> pointers(List<String> pointers, String json) {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.POINTERS).pointers(pointers).build());
    ExtractedPrompt prompt = Bodies.extract(extractor, utf8(json));
    assertThat(prompt.format()).isEqualTo(PromptFormat.POINTERS);
    return prompt.segments().stream()
        .map(s -> tuple(s.role(), s.text(), s.jsonPointer()))
        .toList();
  }
}
