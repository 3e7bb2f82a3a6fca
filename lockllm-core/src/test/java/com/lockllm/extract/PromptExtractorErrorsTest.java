package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies the extractor refuses: each a typed error that names the problem and not the body. */
class PromptExtractorErrorsTest {
  private static final PromptExtractor DEFAULT = PromptExtractor.create(ExtractionConfig.defaults());

  @Test
  void malformedJson() {
    LockLLMException e = error(DEFAULT, "{\"prompt\":\"SECRET\" SECRET}", 400, InvalidRequestErrors.INVALID_JSON);

    assertThat(e.getMessage()).contains("line 1, column");
  }

  @Test
  void truncatedJson() {
    LockLLMException e = error(DEFAULT, "{\"messages\":[{\"role\":\"user\",\"content\":\"SECRET",
        400, InvalidRequestErrors.INVALID_JSON);

    assertThat(e.getMessage()).contains("unexpected end of input");
  }

  @Test
  void truncatedAfterAValue() {
    error(DEFAULT, "{\"prompt\":\"SECRET\",", 400, InvalidRequestErrors.INVALID_JSON);
  }

  @Test
  void rootMustBeAnObject() {
    LockLLMException array = error(DEFAULT, "[{\"prompt\":\"SECRET\"}]", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, "\"SECRET\"", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, "42", 400, InvalidRequestErrors.INVALID_JSON);

    assertThat(array.getMessage()).contains("must be a JSON object");
  }

  @Test
  void contentAfterTheRootObject() {
    error(DEFAULT, "{\"prompt\":\"a\"} {\"prompt\":\"SECRET\"}", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, "{\"prompt\":\"a\"} SECRET", 400, InvalidRequestErrors.INVALID_JSON);
  }

  @Test
  void emptyBody() {
    error(DEFAULT, "", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, " \r\n\t ", 400, InvalidRequestErrors.INVALID_JSON);
  }

  @Test
  void nonStandardJsonIsRejected() {
    error(DEFAULT, "{'prompt':'SECRET'}", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, "{\"prompt\":\"SECRET\" /* note */}", 400, InvalidRequestErrors.INVALID_JSON);
    error(DEFAULT, "{\"prompt\":\"SECRET\",}", 400, InvalidRequestErrors.INVALID_JSON);
  }

  @Test
  void invalidUtf8InAPromptString() {
    byte[] body = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', 'S', (byte) 0xC3, '(', '"', '}'};

    LockLLMException e = catchThrowableOfType(LockLLMException.class, () -> DEFAULT.extract(body));

    assertThat(e.code()).isEqualTo(InvalidRequestErrors.INVALID_JSON);
  }

  @Test
  void utf16BodyIsRejected() {
    byte[] body = "{\"prompt\":\"SECRET\"}".getBytes(StandardCharsets.UTF_16BE);

    LockLLMException e = catchThrowableOfType(LockLLMException.class, () -> DEFAULT.extract(body));

    assertThat(e.code()).isEqualTo(InvalidRequestErrors.INVALID_JSON);
    assertThat(e.getMessage()).contains("UTF-8").doesNotContain("SECRET");
  }

  @Test
  void duplicateTopLevelKey() {
    LockLLMException e = error(DEFAULT, "{\"prompt\":\"benign\",\"prompt\":\"SECRET evil\"}",
        400, InvalidRequestErrors.DUPLICATE_KEY);

    assertThat(e.getMessage()).contains("'/prompt'").doesNotContain("benign");
  }

  @Test
  void duplicateNestedKey() {
    LockLLMException e = error(DEFAULT,
        "{\"messages\":[{\"role\":\"user\",\"content\":\"benign\",\"content\":\"SECRET\"}]}",
        400, InvalidRequestErrors.DUPLICATE_KEY);

    assertThat(e.getMessage()).contains("'/messages/0/content'").doesNotContain("benign");
  }

  @Test
  void duplicateKeyInAFieldNobodyReads() {
    error(DEFAULT, "{\"prompt\":\"benign\",\"metadata\":{\"tag\":{\"a\":1},\"tag\":[\"SECRET\"]}}",
        400, InvalidRequestErrors.DUPLICATE_KEY);
  }

  @Test
  void duplicateRoleCannotRelabelAMessage() {
    error(DEFAULT, "{\"messages\":[{\"role\":\"user\",\"content\":\"SECRET\",\"role\":\"system\"}]}",
        400, InvalidRequestErrors.DUPLICATE_KEY);
  }

  @Test
  void sameKeyInDifferentObjectsIsFine() {
    assertThat(DEFAULT.extract(utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
        + "{\"role\":\"user\",\"content\":\"b\"}]}")).segments()).hasSize(2);
  }

  @Test
  void duplicateKeyMessageIsBoundedAndPrintable() {
    String key = "k\u00e9y\\n'" + "x".repeat(200);
    LockLLMException e = error(DEFAULT, "{\"prompt\":\"a\",\"" + key + "\":1,\"" + key + "\":2}",
        400, InvalidRequestErrors.DUPLICATE_KEY);

    assertThat(e.getMessage()).doesNotContain("\u00e9").doesNotContain("x".repeat(100));
  }

  @Test
  void nestingExactlyAtTheLimitIsAllowed() {
    PromptExtractor depth3 = PromptExtractor.create(ExtractionConfig.builder().maxDepth(3).build());

    assertThat(depth3.extract(utf8("{\"prompt\":\"ok\",\"a\":{\"b\":[1]}}")).segments()).hasSize(1);
  }

  @Test
  void nestingOverTheLimit() {
    PromptExtractor depth3 = PromptExtractor.create(ExtractionConfig.builder().maxDepth(3).build());

    LockLLMException e = error(depth3, "{\"prompt\":\"ok\",\"a\":{\"b\":[[\"SECRET\"]]}}",
        413, InvalidRequestErrors.NESTING_TOO_DEEP);

    assertThat(e.getMessage()).contains("3");
  }

  @Test
  void nestingOverTheDefaultLimitInsideAPrompt() {
    String deep = "[".repeat(70) + "\"SECRET\"" + "]".repeat(70);

    error(DEFAULT, "{\"prompt\":" + deep + "}", 413, InvalidRequestErrors.NESTING_TOO_DEEP);
  }

  @Test
  void deepNestingUnderAPointerWithAHighLimitDoesNotExhaustTheStack() {
    PromptExtractor deep = PromptExtractor.create(ExtractionConfig.builder()
        .format(PromptFormat.POINTERS).pointers(List.of("")).maxDepth(200_000).maxBodyBytes(4_000_000)
        .build());
    String nested = "[".repeat(150_000) + "\"leaf\"" + "]".repeat(150_000);

    assertThat(deep.extract(utf8("{\"a\":" + nested + "}")).segments())
        .extracting(PromptSegment::text).containsExactly("leaf");
  }

  @Test
  void bodyOverTheSizeLimit() {
    PromptExtractor small = PromptExtractor.create(ExtractionConfig.builder().maxBodyBytes(32).build());
    String exactly32 = "{\"prompt\":\"" + "a".repeat(19) + "\"}";

    assertThat(utf8(exactly32)).hasSize(32);
    assertThat(small.extract(utf8(exactly32)).segments()).hasSize(1);
    LockLLMException e = error(small, "{\"prompt\":\"SECRET" + "a".repeat(14) + "\"}",
        413, InvalidRequestErrors.PAYLOAD_TOO_LARGE);
    assertThat(e.getMessage()).contains("32");
  }

  @Test
  void sizeLimitAppliesToTheSliceNotTheArray() {
    PromptExtractor small = PromptExtractor.create(ExtractionConfig.builder().maxBodyBytes(32).build());
    byte[] json = utf8("{\"prompt\":\"fits\"}");
    byte[] buffer = new byte[100];
    System.arraycopy(json, 0, buffer, 50, json.length);

    assertThat(small.extract(buffer, 50, json.length).segments()).hasSize(1);
  }

  @Test
  void rangeOutsideTheArrayIsAProgrammingError() {
    assertThatThrownBy(() -> DEFAULT.extract(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void longNumbersAndNamesAreNotConstraintErrors() {
    String body = "{\"prompt\":\"ok\",\"n\":" + "9".repeat(5000) + ",\"" + "k".repeat(60_000) + "\":1}";

    assertThat(DEFAULT.extract(utf8(body)).segments()).hasSize(1);
  }

  private static LockLLMException error(PromptExtractor extractor, String json, int status, String code) {
    LockLLMException e = catchThrowableOfType(LockLLMException.class, () -> extractor.extract(utf8(json)));
    assertThat(e).as("error for %s", json).isNotNull();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.type()).isEqualTo(InvalidRequestErrors.TYPE);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).doesNotContain("SECRET");
    return e;
  }
}
