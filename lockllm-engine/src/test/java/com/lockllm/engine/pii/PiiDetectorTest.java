package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorTest {
  private final PiiDetector detector = PiiDetector.create();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Mail me at jane.doe+news@example.co.uk today | jane.doe+news@example.co.uk | Email",
    "Card: 4111 1111 1111 1111, exp 12/29 | 4111 1111 1111 1111 | Credit Card",
    "card 5500-0000-0000-0004 please | 5500-0000-0000-0004 | Credit Card",
    "Amex 378282246310005. | 378282246310005 | Credit Card",
    "My SSN is 123-45-6789. | 123-45-6789 | Social Security Number",
    "SSN 123 45 6789 | 123 45 6789 | Social Security Number",
    "social security number: 123456789 | 123456789 | Social Security Number",
    "Call (415) 555-2671 now | (415) 555-2671 | Phone Number",
    "reach me on 415.555.2671 | 415.555.2671 | Phone Number",
    "tel +1-415-555-2671 x204 | +1-415-555-2671 x204 | Phone Number",
    "office: +44 20 7946 0958 | +44 20 7946 0958 | Phone Number",
    "0049 30 901820 is Berlin | 0049 30 901820 | Phone Number",
    "my phone number is 0487 23 46 71 | 0487 23 46 71 | Phone Number",
    "Ring 0490 75 40 81 tonight | 0490 75 40 81 | Phone Number",
    "Bureau : 03.93.92.16.85 | 03.93.92.16.85 | Phone Number",
    "Maestro 6304 2737 3398 | 6304 2737 3398 | Credit Card"
  })
  void findsEntities(String text, String value, String type) {
    List<PiiEntity> found = detector.detect(text);
    assertThat(found).hasSize(1);
    PiiEntity e = found.get(0);
    assertThat(text.substring(e.start(), e.end())).isEqualTo(value);
    assertThat(e.type()).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Order 4111111111111112 shipped",
    "The answer is 1234567890123",
    "Invoice 000-12-3456 and 666-12-3456 and 912-12-3456",
    "ID 123-00-4567 or 123-45-0000",
    "Bare nine digits 123456789 without context",
    "Version 1.2.3.4 released on 2024-05-06",
    "The population was 1,234,567 in 2020",
    "Room 0487 23 46 71 is booked",
    "Tracking code 1Z 999 AA1 0123 4567 84 is in transit",
    "A city of 5 650 000 people",
    "Order 630427373390 shipped",
    "Pay $5 for 12 apples, 3 pears",
    "user@localhost is not an address"
  })
  void ignoresLookAlikes(String text) {
    assertThat(detector.detect(text)).isEmpty();
  }

  @Test
  void neverReturnsOverlappingEntities() {
    String text = "4111-1111-1111-1111 555-12-3456 +1 415 555 2671 a@b.co 123-45-6789";
    List<PiiEntity> found = detector.detect(text);
    for (int i = 1; i < found.size(); i++) {
      assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
    }
    assertThat(found).extracting(PiiEntity::type).contains(
        PiiTypes.CREDIT_CARD, PiiTypes.EMAIL, PiiTypes.SOCIAL_SECURITY_NUMBER,
        PiiTypes.PHONE_NUMBER);
  }

  @Test
  void redactsEachEntityWithItsPlaceholder() {
    String text = "Email a@b.co or call (415) 555-2671.";
    assertThat(PiiDetector.redact(text, detector.detect(text)))
        .isEqualTo("Email [Email] or call [Phone Number].");
    assertThat(PiiDetector.redact("nothing here", List.of())).isEqualTo("nothing here");
  }
}
