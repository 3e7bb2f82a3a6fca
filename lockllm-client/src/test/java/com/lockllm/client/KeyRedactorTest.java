package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyRedactorTest {
  private static final String KEY = "sk-live-0123456789abcdefXYZ";
  private final KeyRedactor redactor = new KeyRedactor(KEY);

  @Test
  void masksTheWholeKeyAndEveryRunOfEightOrMoreOfItsCharacters() {
    assertThat(redact("Incorrect API key provided: " + KEY + ".")).isEqualTo("Incorrect API key provided: ****.");
    assertThat(redact("key sk-live-0***XYZ or ***0123456789abc*** or *****abcdefXYZ"))
        .isEqualTo("key *******XYZ or ********** or *********");
    assertThat(redact("a" + KEY + "b" + KEY)).isEqualTo("a****b****");
    assertThat(redactor.appearsIn("req-" + KEY.substring(3, 11))).isTrue();
  }

  @Test
  void leavesShortRunsAndOtherTextAlone() {
    byte[] body = "{\"error\":{\"message\":\"Invalid key sk-live\"}}".getBytes(StandardCharsets.UTF_8);
    assertThat(redactor.redact(body)).isSameAs(body);
    assertThat(redact("sk-live-0")).isEqualTo("****");
    assertThat(redact("sk-live")).isEqualTo("sk-live");
    assertThat(redactor.appearsIn("sk-live")).isFalse();
  }

  @Test
  void aShortKeyIsMaskedOnlyWhole() {
    KeyRedactor shortKey = new KeyRedactor("abc12");
    assertThat(new String(shortKey.redact("x abc12 y abc1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("x **** y abc1");
  }

  private String redact(String text) {
    return new String(redactor.redact(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
