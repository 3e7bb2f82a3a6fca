package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorsTest {
  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004",
      "378282246310005", "6011000990139424", "79927398713"})
  void acceptsLuhnValidNumbers(String number) {
    assertThat(Validators.luhn(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "1234567812345678", "79927398710", ""})
  void rejectsLuhnInvalidNumbers(String number) {
    assertThat(Validators.luhn(number)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "123, 45, 6789, true",
    "899, 01, 0001, true",
    "000, 12, 3456, false",
    "666, 12, 3456, false",
    "900, 12, 3456, false",
    "999, 12, 3456, false",
    "123, 00, 3456, false",
    "123, 45, 0000, false"
  })
  void appliesSsnNumberingRules(int area, int group, int serial, boolean valid) {
    assertThat(Validators.ssn(area, group, serial)).isEqualTo(valid);
  }
}
