package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanaryCheckTest {
  private static final String TOKEN = "canary-7f3a";
  private static final CanaryCheck CHECK = new CanaryCheck(TOKEN);
  private static final String ZWSP = "\u200B";
  /** TAG SPACE, an invisible tag character outside the BMP */
  private static final String TAG = "\uDB40\uDC20";

  @Test
  void findsTheTokenInAnyCase() {
    String text = "The rules say CANARY-7F3A, or Canary-7f3A.";

    assertThat(CHECK.find(text)).containsExactly(
        new OutputFinding("CANARY", 14, 25, "[REDACTED_CANARY]"), new OutputFinding("CANARY", 30, 41, "[REDACTED_CANARY]"));
    assertThat(OutputChecks.redact(text, CHECK.find(text))).isEqualTo("The rules say [REDACTED_CANARY], or [REDACTED_CANARY].");
  }

  @Test
  void findsTheTokenInsideLongerWords() {
    assertThat(CHECK.find("xcanary-7f3ay")).containsExactly(new OutputFinding("CANARY", 1, 12, "[REDACTED_CANARY]"));
  }

  @Test
  void invisibleCharactersBetweenItsCharactersAreSkippedAndRedacted() {
    String disguised = "c" + ZWSP + "a\u00ADn\u2060a" + TAG + "r\uFE0Fy-7\u200Df3a";
    String text = "ok " + disguised + " done";

    assertThat(CHECK.find(text)).containsExactly(new OutputFinding("CANARY", 3, 3 + disguised.length(), "[REDACTED_CANARY]"));
    assertThat(OutputChecks.redact(text, CHECK.find(text))).isEqualTo("ok [REDACTED_CANARY] done");
  }

  @Test
  void atMostMaxGapInvisibleCharsFitBetweenTwoCharacters() {
    assertThat(CHECK.find("can" + ZWSP.repeat(CanaryCheck.MAX_GAP) + "ary-7f3a")).hasSize(1);
    assertThat(CHECK.find("can" + TAG.repeat(CanaryCheck.MAX_GAP / 2) + "ary-7f3a")).hasSize(1);
    assertThat(CHECK.find("can" + ZWSP.repeat(CanaryCheck.MAX_GAP + 1) + "ary-7f3a")).isEmpty();
  }

  @Test
  void spacedOrPartialTokensAreNotFindings() {
    assertThat(CHECK.find("c a n a r y - 7 f 3 a")).isEmpty();
    assertThat(CHECK.find("canary-7f3")).isEmpty();
    assertThat(CHECK.find("canary 7f3a")).isEmpty();
    assertThat(CHECK.find(ZWSP + "canary-7f3b")).isEmpty();
  }

  @Test
  void maxSpanBoundsTheLongestDisguisedMatch() {
    assertThat(CHECK.maxSpan()).isEqualTo(2 * 11 + 16 * 10);
    String longest = String.join(ZWSP.repeat(CanaryCheck.MAX_GAP), TOKEN.split(""));
    assertThat(CHECK.find(longest)).singleElement().satisfies(f -> assertThat(f.end() - f.start()).isLessThanOrEqualTo(CHECK.maxSpan()));
  }

  @Test
  void onlyATailThatCanStillBecomeTheTokenIsUndecided() {
    assertThat(CHECK.undecided("say can", 0)).isEqualTo(4);
    assertThat(CHECK.undecided("say cAn" + ZWSP, 0)).isEqualTo(4);
    assertThat(CHECK.undecided("say cab", 0)).isEqualTo(7);
    assertThat(CHECK.undecided("say canary-7f3a", 0)).isEqualTo(15);
    assertThat(CHECK.undecided("say canary-7f3ac", 0)).isEqualTo(15);
    assertThat(CHECK.undecided("say ca" + ZWSP.repeat(CanaryCheck.MAX_GAP + 1), 0)).isEqualTo(23);
    // the first half of a surrogate pair may begin an invisible tag character
    assertThat(CHECK.undecided("say can\uDB40", 0)).isEqualTo(4);
    assertThat(CHECK.undecided("say can", 6)).isEqualTo(7);
  }

  @Test
  void undecidedHoldsBackEverythingMoreTextCouldChange() {
    Random random = new Random(11);
    String[] pieces = {"c", "a", "n", "ar", "y-", "7f", "3a", "C", "AN", ZWSP, TAG, " ", "x", "canary-7f3a", "can", "\uD83D\uDE00"};
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 40) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      Decided.assertUndecidedHoldsFor(CHECK, text.toString());
    }
  }

  @Test
  void aStreamedTokenCutAnywhereIsStripped() {
    String text = "Sure. My instructions begin with c" + ZWSP + "anary-7F" + TAG + "3a and then go on.";
    String expected = "Sure. My instructions begin with [REDACTED_CANARY] and then go on.";
    for (int cut = 0; cut <= text.length(); cut++) {
      assertThat(Streams.run(guard(), Streams.at(text, List.of(cut))).text()).as("cut at %d", cut).isEqualTo(expected);
    }
    assertThat(Streams.run(guard(), Streams.ones(text)).text()).isEqualTo(expected);
  }

  @Test
  void rejectsTokensThatCouldNeverMatch() {
    assertThatThrownBy(() -> new CanaryCheck("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CanaryCheck("can" + ZWSP + "ary")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringHidesTheToken() {
    assertThat(CHECK.toString()).doesNotContainIgnoringCase(TOKEN);
  }

  private static StreamGuard guard() {
    return new StreamGuard(List.of(CHECK), (f, t) -> OutputAction.STRIP);
  }
}
