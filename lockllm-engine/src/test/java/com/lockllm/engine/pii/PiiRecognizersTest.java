package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One positive and near-miss negatives per recognizer of the 17 LockLLM types. */
class PiiRecognizersTest {
  private final PiiDetector detector = PiiDetector.create();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Dear Margaret, thanks | Margaret | First Name",
    "Mr. Thompson called | Thompson | Last Name",
    "My DOB is 04/12/1987. | 04/12/1987 | Date of Birth",
    "I was born on March 5, 1990. | March 5, 1990 | Date of Birth",
    "my username is jdoe_77 ok | jdoe_77 | Username",
    "login: m.smith42 | m.smith42 | Username",
    "call +44 20 7123 4567 today | +44 20 7123 4567 | Phone Number",
    "I live at 1600 Pennsylvania Avenue now | 1600 Pennsylvania Avenue | Street Address",
    "send it to Via Roma 131 soon | Via Roma 131 | Street Address",
    "she lives at Koskikatu 25 now | Koskikatu 25 | Street Address",
    "mail PSC 6477, Box 2981 APO AE 83700 today | PSC 6477, Box 2981 APO AE 83700 | Street Address",
    "We moved to Springfield, IL. | Springfield | City",
    "zip code 94105-1234 is ours | 94105-1234 | Zip Code",
    "Suite 400 is on the left | 400 | Building Number",
    "IBAN GB82 WEST 1234 5698 7654 32 please | GB82 WEST 1234 5698 7654 32 | Account Number",
    "transfer to DE89370400440532013000. | DE89370400440532013000 | Account Number",
    "my account number is 12345678 | 12345678 | Account Number",
    "Our EIN is 12-3456789. | 12-3456789 | Tax ID",
    "driver's license D1234567 expired | D1234567 | Driver's License",
    "passport number X12345678. | X12345678 | ID Card Number",
    "password: Hunter2!x please | Hunter2!x | Password",
    "pwd=s3cr3tPass and more | s3cr3tPass | Password"
  })
  void findsEachType(String text, String value, String type) {
    List<PiiEntity> found = detector.detect(text);
    assertThat(found).anySatisfy(e -> {
      assertThat(text.substring(e.start(), e.end())).isEqualTo(value);
      assertThat(e.type()).isEqualTo(type);
    });
  }

  @Test
  void findsAFirstNameAndSurnameSideBySide() {
    String text = "Please forward it to Jennifer Martinez today.";
    assertThat(detector.detect(text)).extracting(PiiEntity::type)
        .containsExactly(PiiTypes.FIRST_NAME, PiiTypes.LAST_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Young people in the Park often read Page Six.",
    "Grant Street Capital raised money.",
    "The meeting is on March 3, 2024 at 10:00.",
    "Please reset the password policy for all users.",
    "The login page is slow today.",
    "IBAN GB82 WEST 1234 5698 7654 33 has a bad check digit",
    "We shipped 12345 units to 40 stores.",
    "Dear team, see you soon.",
    "Washington signed the bill in 1789.",
    "Born to run was released in 1975."
  })
  void ignoresNearMisses(String text) {
    assertThat(detector.detect(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Write to ann@example.com about lunch",
    "Mail jane.doe@example.com the invoice",
    "What is the capital of France? Reply to jane.doe@example.com",
    "Echo: Email my notes to ann@example.com please"
  })
  void adapterSentencesStillHoldOnlyTheEmail(String text) {
    assertThat(detector.detect(text)).extracting(PiiEntity::type).containsExactly(PiiTypes.EMAIL);
  }

  @Test
  void scansALongInputQuickly() {
    StringBuilder b = new StringBuilder();
    while (b.length() < 8192) {
      b.append("Dear Mary Johnson, call (415) 234-5678 or write to 12 Oak Street, Austin, TX 78701. ")
          .append("The quick brown fox jumps over the lazy dog 42 times in 2024. ");
    }
    String text = b.toString();
    for (int i = 0; i < 20; i++) {
      detector.detect(text);
    }
    long start = System.nanoTime();
    int runs = 50;
    for (int i = 0; i < runs; i++) {
      detector.detect(text);
    }
    double ms = (System.nanoTime() - start) / 1e6 / runs;
    System.out.printf("PII detect on %d chars: %.2f ms%n", text.length(), ms);
    assertThat(ms).isLessThan(250);
  }

  @Test
  void validatesIbanCheckDigits() {
    assertThat(Validators.iban("GB82WEST12345698765432")).isTrue();
    assertThat(Validators.iban("GB82 WEST 1234 5698 7654 32")).isTrue();
    assertThat(Validators.iban("GB83WEST12345698765432")).isFalse();
    assertThat(Validators.iban("GB82")).isFalse();
  }

  @Test
  void redactsEachEntityOnceWithPlaceholders() {
    String text = "I'm Mary Johnson, SSN 123-45-6789, card 4111 1111 1111 1111, "
        + "at 12 Oak Street, Apt 5, Austin, TX 78701; password: Tr0ub4dor!";
    List<PiiEntity> found = detector.detect(text);
    for (int i = 1; i < found.size(); i++) {
      assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
    }
    assertThat(PiiDetector.redact(text, found)).isEqualTo(
        "I'm [First Name] [Last Name], SSN [Social Security Number], card [Credit Card], "
            + "at [Street Address], Apt [Building Number], [City], TX [Zip Code]; password: [Password]");
  }

  @Test
  void gazetteersAreLoaded() {
    assertThat(Gazetteer.FIRST_NAMES).hasSizeGreaterThan(5000).contains("mary");
    assertThat(Gazetteer.LAST_NAMES).hasSizeGreaterThan(80000).contains("johnson");
  }
}
