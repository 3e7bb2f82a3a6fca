package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments' byte ranges are exactly their JSON string tokens, quotes included. */
class PromptExtractorSourceRangeTest {
  private static final PromptExtractor EXTRACTOR =
      PromptExtractor.create(ExtractionConfig.builder().roles(ALL_ROLES).build());

  @Test
  void asciiOffsets() {
    PromptSegment s = only(utf8("{\"prompt\":\"hi\"}"));

    assertThat(s.sourceStart()).isEqualTo(10);
    assertThat(s.sourceEnd()).isEqualTo(14);
  }

  @Test
  void multibyteUtf8() {
    String text = "héllo wörld 日本語 😀 ∑";
    byte[] body = utf8("{\"prompt\":\"" + text + "\"}");

    PromptSegment s = only(body);

    assertThat(s.text()).isEqualTo(text);
    assertThat(s.sourceStart()).isEqualTo(10);
    assertThat(s.sourceEnd()).isEqualTo(body.length - 1);
    assertThat(new String(body, s.sourceStart(), s.sourceEnd() - s.sourceStart(), StandardCharsets.UTF_8))
        .isEqualTo("\"" + text + "\"");
  }

  @Test
  void escapedCharacters() {
    String token = "\"line1\\nline2 \\\"quoted\\\" caf\\u00e9 \\ud83d\\ude00 tab\\t back\\\\slash \\/ \\u0000\"";
    byte[] body = utf8("{\"model\":\"m\",\"prompt\":" + token + ",\"n\":1}");

    PromptSegment s = only(body);

    assertThat(s.text()).isEqualTo("line1\nline2 \"quoted\" café 😀 tab\t back\\slash / \u0000");
    assertThat(new String(body, s.sourceStart(), s.sourceEnd() - s.sourceStart(), StandardCharsets.UTF_8))
        .isEqualTo(token);
  }

  @Test
  void whitespaceAroundTokens() {
    byte[] body = utf8("\n\t{ \r\n  \"messages\" :\n [ {\"role\" : \"user\" ,\n"
        + "   \"content\"\t:\t\"spaced out\"   }\n ]  \n}\n\n");

    PromptSegment s = only(body);

    assertThat(new String(body, s.sourceStart(), s.sourceEnd() - s.sourceStart(), StandardCharsets.UTF_8))
        .isEqualTo("\"spaced out\"");
  }

  @Test
  void rangesIndexTheWholeArrayWhenTheBodyIsASlice() {
    byte[] json = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"ünïcode\"},{\"role\":\"user\",\"content\":\"two\"}]}");
    byte[] buffer = new byte[json.length + 13];
    Arrays.fill(buffer, (byte) '#');
    System.arraycopy(json, 0, buffer, 7, json.length);

    List<PromptSegment> segments = EXTRACTOR.extract(buffer, 7, json.length).segments();

    assertThat(segments).extracting(PromptSegment::text).containsExactly("ünïcode", "two");
    Bodies.assertWellFormed(Arrays.copyOf(buffer, 7 + json.length), 7, segments);
    assertThat(segments.get(0).sourceStart()).isEqualTo(7 + 38);
  }

  @Test
  void byteOrderMarkCountsAsBodyBytes() {
    byte[] json = utf8("{\"prompt\":\"after bom\"}");
    byte[] body = new byte[json.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(json, 0, body, 3, json.length);

    PromptSegment s = EXTRACTOR.extract(body).segments().get(0);

    assertThat(s.sourceStart()).isEqualTo(13);
    assertThat(Bodies.decodeToken(Arrays.copyOfRange(body, s.sourceStart(), s.sourceEnd()))).isEqualTo("after bom");
  }

  @Test
  void fixturesHaveExactTokenRanges() {
    for (String path : List.of(
        "openai-chat/python-sdk-tools-vision.json",
        "openai-responses/python-sdk-items-input.json",
        "anthropic/python-sdk-tools-system-blocks.json",
        "gemini/rest-generate-content-tools.json",
        "cohere/python-sdk-v1-chat.json",
        "cohere/python-sdk-v2-chat.json")) {
      byte[] body = Bodies.request(path);
      Bodies.assertWellFormed(body, 0, EXTRACTOR.extract(body).segments());
    }
  }

  private static PromptSegment only(byte[] body) {
    List<PromptSegment> segments = EXTRACTOR.extract(body).segments();
    Bodies.assertWellFormed(body, 0, segments);
    assertThat(segments).hasSize(1);
    return segments.get(0);
  }
}
