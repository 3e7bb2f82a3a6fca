package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyRewriterTest {
  private static final PromptExtractor EXTRACTOR =
      PromptExtractor.create(ExtractionConfig.builder().roles(ALL_ROLES).build());

  @Test
  void rewrittenBodyReExtractsToTheReplacementsAndKeepsEveryOtherByte() {
    byte[] body = Bodies.request("anthropic/python-sdk-tools-system-blocks.json");
    List<PromptSegment> segments = EXTRACTOR.extract(body).segments();
    List<String> replacements = new ArrayList<>();
    int names = 0;
    for (int i = 0; i < segments.size(); i++) {
      // a schema property name is rewritten like any segment, but that moves its member's pointer: kept here
      boolean name = Bodies.isPropertyName(body, segments.get(i));
      names += name ? 1 : 0;
      replacements.add(i % 2 == 0 && !name
          ? "[PERSON] said \"hi\"\n\ttab \\ é 😀 \u0001 </script>"
          : segments.get(i).text());
    }
    assertThat(names).isPositive();

    byte[] rewritten = BodyRewriter.rewrite(body, segments, replacements);
    List<PromptSegment> again = EXTRACTOR.extract(rewritten).segments();

    assertThat(again).extracting(PromptSegment::text).containsExactlyElementsOf(replacements);
    assertThat(again).extracting(PromptSegment::jsonPointer)
        .containsExactlyElementsOf(segments.stream().map(PromptSegment::jsonPointer).toList());
    Bodies.assertWellFormed(rewritten, 0, again);
    assertThat(gaps(rewritten, again)).isEqualTo(gaps(body, segments));
    for (int i = 1; i < segments.size(); i += 2) {
      assertThat(token(rewritten, again.get(i))).isEqualTo(token(body, segments.get(i)));
    }
  }

  @Test
  void aPropertyNameIsRewrittenAsAMemberName() {
    byte[] body = utf8("{\"messages\":[],\"tools\":[{\"function\":{\"parameters\":{\"properties\":"
        + "{\"ann@example.com\":{\"type\":\"string\"}}}}}]}");
    List<PromptSegment> segments = EXTRACTOR.extract(body).segments();
    List<String> replacements = segments.stream().map(s -> s.text().replace("ann@example.com", "[Email]")).toList();

    byte[] rewritten = BodyRewriter.rewrite(body, segments, replacements);

    assertThat(new String(rewritten, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"messages\":[],\"tools\":"
        + "[{\"function\":{\"parameters\":{\"properties\":{\"[Email]\":{\"type\":\"string\"}}}}}]}");
  }

  @Test
  void unchangedReplacementsLeaveTheBodyAsItWas() {
    byte[] body = utf8("{\"prompt\":\"caf\\u00e9\",\"x\":1}");
    List<PromptSegment> segments = EXTRACTOR.extract(body).segments();

    byte[] rewritten = BodyRewriter.rewrite(body, segments, List.of("café"));

    assertThat(rewritten).isEqualTo(body).isNotSameAs(body);
  }

  @Test
  void segmentsInAnyOrder() {
    byte[] body = utf8("{\"prompt\":[\"a\",\"b\",\"c\"]}");
    List<PromptSegment> segments = new ArrayList<>(EXTRACTOR.extract(body).segments());
    Collections.reverse(segments);

    byte[] rewritten = BodyRewriter.rewrite(body, segments, List.of("C!", "b", "A!"));

    assertThat(new String(rewritten, StandardCharsets.UTF_8))
        .isEqualTo("{\"prompt\":[\"A!\",\"b\",\"C!\"]}");
  }

  @Test
  void rewritesASliceInPlaceOfItsArray() {
    byte[] json = utf8("{\"prompt\":\"secret\"}");
    byte[] buffer = new byte[json.length + 4];
    Arrays.fill(buffer, (byte) '#');
    System.arraycopy(json, 0, buffer, 2, json.length);
    List<PromptSegment> segments = EXTRACTOR.extract(buffer, 2, json.length).segments();

    byte[] rewritten = BodyRewriter.rewrite(buffer, segments, List.of("[redacted]"));

    assertThat(new String(rewritten, StandardCharsets.UTF_8))
        .isEqualTo("##{\"prompt\":\"[redacted]\"}##");
  }

  @Test
  void rejectsSegmentsWithoutSource() {
    assertThatThrownBy(() -> BodyRewriter.rewrite(utf8("{}"), List.of(PromptSegment.of("x")), List.of("y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no source");
  }

  @Test
  void rejectsOverlappingSegments() {
    byte[] body = utf8("{\"prompt\":\"abcdef\"}");
    PromptSegment whole = EXTRACTOR.extract(body).segments().get(0);
    PromptSegment copy = new PromptSegment("user", "abcdef", "/prompt", whole.sourceStart(), whole.sourceEnd());

    assertThatThrownBy(() -> BodyRewriter.rewrite(body, List.of(whole, copy), List.of("x", "y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
  }

  @Test
  void rejectsRangesThatAreNotStringTokens() {
    byte[] body = utf8("{\"prompt\":\"abc\"}");
    PromptSegment wrong = new PromptSegment("user", "abc", "/prompt", 0, 5);
    PromptSegment outside = new PromptSegment("user", "abc", "/prompt", 10, 99);

    assertThatThrownBy(() -> BodyRewriter.rewrite(body, List.of(wrong), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BodyRewriter.rewrite(body, List.of(outside), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMismatchedSizesAndBrokenText() {
    byte[] body = utf8("{\"prompt\":\"abc\"}");
    List<PromptSegment> segments = EXTRACTOR.extract(body).segments();

    assertThatThrownBy(() -> BodyRewriter.rewrite(body, segments, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BodyRewriter.rewrite(body, segments, List.of("bad \ud800 surrogate")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The bytes between (and around) the segments' tokens. */
  private static List<String> gaps(byte[] body, List<PromptSegment> segments) {
    List<String> gaps = new ArrayList<>();
    int from = 0;
    for (PromptSegment s : segments) {
      gaps.add(new String(body, from, s.sourceStart() - from, StandardCharsets.ISO_8859_1));
      from = s.sourceEnd();
    }
    gaps.add(new String(body, from, body.length - from, StandardCharsets.ISO_8859_1));
    return gaps;
  }

  private static byte[] token(byte[] body, PromptSegment s) {
    return Arrays.copyOfRange(body, s.sourceStart(), s.sourceEnd());
  }
}
