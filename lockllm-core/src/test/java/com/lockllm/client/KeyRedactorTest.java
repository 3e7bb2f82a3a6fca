package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyRedactorTest {
  private static final String KEY = "sk-live-0123456789abcdefXYZ";
  private final KeyRedactor redactor = new KeyRedactor(KEY);

  @Test
  void masksTheWholeKeyAndEveryRunOfEightOrMoreOfItsCharacters() {
    assertThat(redactor.redact("Incorrect API key provided: " + KEY + "."))
        .isEqualTo("Incorrect API key provided: ****.");
    assertThat(redactor.redact("key sk-live-0***XYZ or ***0123456789abc*** or *****abcdefXYZ"))
        .isEqualTo("key *******XYZ or ********** or *********");
    assertThat(redactor.redact("a" + KEY + "b" + KEY)).isEqualTo("a****b****");
  }

  @Test
  void leavesShortRunsAndOtherTextAlone() {
    byte[] body = "{\"error\":{\"message\":\"Invalid key sk-live\"}}".getBytes(StandardCharsets.UTF_8);
    assertThat(redactor.redact(body)).isSameAs(body);
    assertThat(redactor.redact("sk-live-0")).isEqualTo("****");
    assertThat(redactor.redact("sk-live")).isEqualTo("sk-live");
  }

  @Test
  void aShortKeyIsMaskedOnlyWhole() {
    KeyRedactor shortKey = new KeyRedactor("abc12");
    assertThat(shortKey.redact("x abc12 y abc1")).isEqualTo("x **** y abc1");
  }
}
