package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputCheck;
import com.lockllm.output.OutputChecks;
import com.lockllm.output.OutputFinding;
import com.lockllm.output.PersonalDataCheckProvider;
import com.lockllm.output.StreamGuard;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonalDataCheckTest {
  private static final PersonalDataCheck CHECK = PersonalDataCheck.create();
  /** Prose without digits or capitalised pairs, long enough that the guard releases text between the entities. */
  private static final String FILLER = "the record was updated after the call, and nothing else in the ticket needs a change from our side. ";

  @Test
  void findingsCarryTheEntityTypeAndThePromptPlaceholder() {
    String text = "Write to jane.doe@example.com or call (415) 555-2671.";

    assertThat(CHECK.find(text)).containsExactly(
        new OutputFinding("EMAIL", 9, 29, "[Email]"),
        new OutputFinding("PHONE_NUMBER", 38, 52, "[Phone Number]"));
    assertThat(OutputChecks.redact(text, CHECK.find(text))).isEqualTo("Write to [Email] or call [Phone Number].");
  }

  @Test
  void cardsAndSocialSecurityNumbersAreRedactedWhole() {
    String text = "Card 4111 1111 1111 1111 and SSN 123-45-6789 are on file; 4111 1111 1111 1112 is not a card.";

    assertThat(OutputChecks.redact(text, CHECK.find(text)))
        .isEqualTo("Card [Credit Card] and SSN [Social Security Number] are on file; 4111 1111 1111 1112 is not a card.");
    assertThat(CHECK.find(text)).extracting(OutputFinding::type).containsExactly("CREDIT_CARD", "SOCIAL_SECURITY_NUMBER");
  }

  @Test
  void theFindingTypeIsTheNameOfThePiiTypesConstant() throws IllegalAccessException {
    List<String> checked = new ArrayList<>();
    for (Field field : PiiTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        assertThat(PersonalDataCheck.type((String) field.get(null))).isEqualTo(field.getName());
        checked.add(field.getName());
      }
    }
    assertThat(checked).hasSize(17).contains("DRIVERS_LICENSE", "ID_CARD_NUMBER", "SOCIAL_SECURITY_NUMBER");
  }

  @Test
  void aReadFromAPositionSeesTheContextBeforeIt() {
    String text = "Her social security number: 123456789, thanks.";
    int from = text.indexOf('1');

    assertThat(CHECK.find(text, from)).containsExactly(new OutputFinding("SOCIAL_SECURITY_NUMBER", from, from + 9, "[Social Security Number]"));
    // without the words before it, nine bare digits are not an SSN
    assertThat(CHECK.find(text.substring(from))).isEmpty();
    assertThat(CHECK.lookBehind()).isEqualTo(PersonalDataCheck.LOOK_BEHIND);
  }

  @Test
  void aReadFromAPositionSkipsEntitiesThatStartBeforeIt() {
    String text = "a@example.com and b@example.com";

    assertThat(CHECK.find(text, 1)).containsExactly(new OutputFinding("EMAIL", 18, 31, "[Email]"));
    assertThat(CHECK.find(text, 0)).hasSize(2);
  }

  @Test
  void theEngineIsTheProviderOnTheClassPath() {
    assertThat(PersonalDataCheckProvider.load()).isSameAs(CHECK);
  }

  @Test
  void entitiesSplitAcrossChunksAtEveryPositionAreStripped() {
    String text = FILLER.repeat(3) + "Her e-mail is jane.doe@example.com. " + FILLER.repeat(3) + "Call +1 415-555-2671 after nine. "
        + FILLER.repeat(3) + "Charge 4111-1111-1111-1111 for it. " + FILLER;
    String expected = OutputChecks.redact(text, CHECK.find(text));
    assertThat(expected).contains("[Email]", "[Phone Number]", "[Credit Card]").doesNotContain("jane.doe", "555", "4111");
    assertThat(text.length()).isGreaterThan(3 * guard().holdBack());

    for (int cut = 0; cut <= text.length(); cut++) {
      assertThat(stream(List.of(text.substring(0, cut), text.substring(cut)))).as("cut at %d", cut).isEqualTo(expected);
    }
    List<String> ones = new ArrayList<>();
    text.chars().forEach(c -> ones.add(String.valueOf((char) c)));
    assertThat(stream(ones)).isEqualTo(expected);
    Random random = new Random(3);
    for (int i = 0; i < 50; i++) {
      assertThat(stream(randomChunks(text, random))).isEqualTo(expected);
    }
  }

  /** The one place that builds a guard. */
  private static StreamGuard guard() {
    return new StreamGuard(List.<OutputCheck>of(CHECK), (f, t) -> OutputAction.STRIP);
  }

  private static String stream(List<String> chunks) {
    StreamGuard guard = guard();
    StringBuilder out = new StringBuilder();
    for (String chunk : chunks) {
      StreamGuard.Release release = guard.accept(chunk);
      assertThat(release.stop()).isFalse();
      out.append(release.text());
    }
    return out.append(guard.finish().text()).toString();
  }

  private static List<String> randomChunks(String text, Random random) {
    List<String> chunks = new ArrayList<>();
    for (int at = 0; at < text.length(); ) {
      int size = Math.min(1 + random.nextInt(40), text.length() - at);
      chunks.add(text.substring(at, at + size));
      at += size;
    }
    return chunks;
  }
}
