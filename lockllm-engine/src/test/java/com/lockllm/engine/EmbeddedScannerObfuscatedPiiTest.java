package com.lockllm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 6: personal data disguised with invisible characters, compatibility forms,
 * digits of other scripts or look-alike letters is found, and {@code strip} removes the whole
 * disguised entity from the original text, invisible characters included.
 */
class EmbeddedScannerObfuscatedPiiTest {
  private static final EmbeddedScanner SCANNER = EmbeddedScanner.create();

  static Stream<Arguments> disguised() {
    return Stream.of(
        Arguments.of("Email", "jane.doe@exam\u200Bple.com", "zero-width space in an e-mail"),
        Arguments.of("Email", "ja\u00ADne.doe@example.com", "soft hyphen in an e-mail"),
        Arguments.of("Email", "jane\u2060.doe@example\u200D.com", "word joiner and ZWJ in an e-mail"),
        Arguments.of("Email", "j\u0430ne.doe@ex\u0430mple.com", "Cyrillic a in an e-mail"),
        Arguments.of("Email", "jane.doe\uFF20example.com", "full-width at sign"),
        Arguments.of("Email", "\uFF4A\uFF41\uFF4E\uFF45@example.com", "full-width letters"),
        Arguments.of("Email", "jane.doe@\u202Eexample.com", "bidi override in an e-mail"),
        Arguments.of("Credit Card", "\uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11",
            "card number in full-width digits"),
        Arguments.of("Credit Card", "4111\u200B1111\u200B1111\u200B1111", "card number split by zero-width spaces"),
        Arguments.of("Credit Card", "\u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661",
            "card number in Arabic-Indic digits"),
        Arguments.of("Credit Card", "\u096A\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967",
            "card number in Devanagari digits"),
        Arguments.of("Credit Card", "4111\u00A01111\u00A01111\u00A01111", "card number with no-break spaces"),
        Arguments.of("Credit Card", "4\u03361\u03361\u03361\u0336 1111 1111 1111", "card number with strike-through marks"),
        Arguments.of("Credit Card", "\uD835\uDFD2\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF 1111 1111 1111",
            "card number in mathematical digits"),
        Arguments.of("Social Security Number", "123\u200B-45-\u00AD6789", "SSN with invisible characters"),
        Arguments.of("Social Security Number", "\uFF11\uFF12\uFF13-\uFF14\uFF15-\uFF16\uFF17\uFF18\uFF19", "SSN in full-width digits"),
        Arguments.of("Social Security Number", "123\u201145\u20116789", "SSN with non-breaking hyphens"),
        Arguments.of("Phone Number", "(415) 555\u200B-2671", "phone with a zero-width space"),
        Arguments.of("Phone Number", "(\u0664\u0661\u0665) \u0665\u0665\u0665-\u0662\u0666\u0667\u0661", "phone in Arabic-Indic digits"),
        Arguments.of("Phone Number", "\uFF08\uFF14\uFF11\uFF15\uFF09\uFF15\uFF15\uFF15\uFF0D\uFF12\uFF16\uFF17\uFF11",
            "phone in full-width forms"),
        Arguments.of("Phone Number", "415\u2013555\u20132671", "phone with en dashes"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("disguised")
  void findsAndStripsDisguisedPersonalData(String type, String entity, String description) {
    String before = "Hi, my details: ";
    String after = " - please keep them on file.";
    String text = before + entity + after;
    ScanRequest request = ScanRequest.of(List.of(
            PromptSegment.of("Nothing here."), PromptSegment.of(text)),
        ScanOptions.builder().piiAction(PiiAction.STRIP).build());
    PiiResult pii = SCANNER.scan(request).piiResult();
    assertThat(pii.detected()).as(description).isTrue();
    assertThat(pii.entityTypes()).as(description).contains(type);
    assertThat(pii.redactedSegments()).as(description)
        .containsExactly("Nothing here.", before + "[" + type + "]" + after);
  }
}
