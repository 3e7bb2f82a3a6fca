package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Test bodies and the checks every extraction result must pass. */
final class Bodies {
  static final Set<String> ALL_ROLES = Set.of("user", "system", "assistant", "tool", "tool_definition", "document");

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Bodies() {}

  /** A request body from {@code src/test/resources/requests/}. */
  static byte[] request(String path) {
    try (InputStream in = Bodies.class.getResourceAsStream("/requests/" + path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static ExtractedPrompt extract(PromptFormat format, Set<String> roles, byte[] body) {
    ExtractedPrompt prompt = PromptExtractor.create(
        ExtractionConfig.builder().format(format).roles(roles).build()).extract(body);
    assertWellFormed(body, 0, prompt.segments());
    return prompt;
  }

  static ExtractedPrompt extract(PromptExtractor extractor, byte[] body) {
    ExtractedPrompt prompt = extractor.extract(body);
    assertWellFormed(body, 0, prompt.segments());
    return prompt;
  }

  /**
   * Each segment's source range is exactly one JSON string token that decodes to its text, its
   * pointer leads to that same string, and the segments are in document order.
   */
  static void assertWellFormed(byte[] body, int offset, List<PromptSegment> segments) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(Arrays.copyOfRange(body, offset, body.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int previousEnd = offset;
    for (PromptSegment s : segments) {
      assertThat(s.hasSource()).as("source of %s", s).isTrue();
      assertThat(s.sourceStart()).as("document order of %s", s).isGreaterThanOrEqualTo(previousEnd);
      previousEnd = s.sourceEnd();
      byte[] token = Arrays.copyOfRange(body, s.sourceStart(), s.sourceEnd());
      assertThat(token[0]).as("opening quote of %s", s).isEqualTo((byte) '"');
      assertThat(token[token.length - 1]).as("closing quote of %s", s).isEqualTo((byte) '"');
      JsonNode at = tree.at(s.jsonPointer());
      if (at.isContainerNode()) {
        // a schema property name: the token is the member name, the pointer that of its member
        assertThat(decodeToken(token)).as("token of %s", s).isEqualTo(s.text());
        assertThat(s.jsonPointer()).as("pointer of %s", s)
            .endsWith("/" + s.text().replace("~", "~0").replace("/", "~1"));
      } else if (s.isEncoded()) {
        // the token holds the text encoded: the same prefix, and the pointer leads to the token
        String value = decodeToken(token);
        assertThat(value).as("token of %s", s).startsWith(s.encoding().prefix());
        assertThat(tree.at(s.jsonPointer()).textValue()).as("pointer of %s", s).isEqualTo(value);
      } else {
        assertThat(decodeToken(token)).as("token of %s", s).isEqualTo(s.text());
        assertThat(tree.at(s.jsonPointer()).textValue()).as("pointer of %s", s).isEqualTo(s.text());
      }
    }
  }

  /** Whether {@code s} is a schema property name (its pointer leads to the member's value, a container). */
  static boolean isPropertyName(byte[] body, PromptSegment s) {
    try {
      return MAPPER.readTree(body).at(s.jsonPointer()).isContainerNode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one JSON string in {@code token}; fails unless the bytes are exactly one string token. */
  static String decodeToken(byte[] token) {
    try (JsonParser p = FACTORY.createParser(token)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      String text = p.getText();
      assertThat(p.nextToken()).isNull();
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
