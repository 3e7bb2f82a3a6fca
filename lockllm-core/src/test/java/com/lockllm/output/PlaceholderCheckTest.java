package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlaceholderCheckTest {
  private static final Map<String, String> VAULT = Map.of(
      "[EMAIL_1_k3f9]", "ann@example.com",
      "[EMAIL_2_k3f9]", "bob@example.com",
      "[PHONE_NUMBER_1_k3f9]", "+44 20 7946 0958");
  private static final PlaceholderCheck CHECK = new PlaceholderCheck(VAULT);

  /** The guard every streamed test runs: restores under STRIP. */
  private static StreamGuard guard() {
    return new StreamGuard(List.of(CHECK), (f, t) -> OutputAction.STRIP);
  }

  @Test
  void restoresEachPlaceholderToItsOriginal() {
    String answer = "Write to [EMAIL_1_k3f9] or [EMAIL_2_k3f9], call [PHONE_NUMBER_1_k3f9].";

    List<OutputFinding> found = CHECK.find(answer);

    assertThat(found).extracting(OutputFinding::type).containsOnly(PlaceholderCheck.TYPE);
    assertThat(found).containsExactly(
        new OutputFinding("RESTORED", 9, 23, "ann@example.com"),
        new OutputFinding("RESTORED", 27, 41, "bob@example.com"),
        new OutputFinding("RESTORED", 48, 69, "+44 20 7946 0958"));
    assertThat(OutputChecks.redact(answer, found))
        .isEqualTo("Write to ann@example.com or bob@example.com, call +44 20 7946 0958.");
  }

  @Test
  void lookAlikesAreLeftAsTheyAre() {
    String answer = "[EMAIL_1] [EMAIL_1_k3f8] [EMAIL_1_k3f9 [email_1_k3f9] EMAIL_1_k3f9] [[EMAIL_3_k3f9]";

    assertThat(CHECK.find(answer)).isEmpty();
  }

  @Test
  void adjacentAndNestedBracketsStillMatch() {
    String answer = "[[EMAIL_1_k3f9][EMAIL_1_k3f9]]";

    assertThat(OutputChecks.redact(answer, CHECK.find(answer))).isEqualTo("[ann@example.comann@example.com]");
  }

  @Test
  void theLongestPlaceholderWinsWhereOneBeginsAnother() {
    PlaceholderCheck check = new PlaceholderCheck(Map.of("[A]", "short", "[A]]", "long"));

    assertThat(OutputChecks.redact("x[A]]y[A]", check.find("x[A]]y[A]"))).isEqualTo("xlongyshort");
    // "[A]" at the end could still become "[A]]"
    assertThat(check.undecided("x[A]", 0)).isEqualTo(1);
    assertThat(check.undecided("x[A]]", 0)).isEqualTo(5);
  }

  @Test
  void onlyATailThatCouldBeginAPlaceholderIsUndecided() {
    assertThat(CHECK.maxSpan()).isEqualTo("[PHONE_NUMBER_1_k3f9]".length());
    assertThat(CHECK.undecided("no brackets here", 0)).isEqualTo(16);
    assertThat(CHECK.undecided("text [", 0)).isEqualTo(5);
    assertThat(CHECK.undecided("text [EMAIL_1_k3", 0)).isEqualTo(5);
    assertThat(CHECK.undecided("text [PHONE_NUMBER_1_k3f9", 0)).isEqualTo(5);
    assertThat(CHECK.undecided("text [EMAIL_1_k3f9]", 0)).as("whole: decided").isEqualTo(19);
    assertThat(CHECK.undecided("text [EMAIL_3", 0)).as("no placeholder begins so").isEqualTo(13);
    assertThat(CHECK.undecided("text [EMAIL_1_k3f9] [E", 0)).isEqualTo(20);
    assertThat(CHECK.undecided("[x [", 2)).isEqualTo(3);
    assertThat(CHECK.undecided("[", 1)).isEqualTo(1);
  }

  @Test
  void readingFromAPositionFindsWhatTheWholeTextHasFromThere() {
    String answer = "a[EMAIL_1_k3f9]b[EMAIL_2_k3f9]";
    List<OutputFinding> all = CHECK.find(answer);

    for (int from = 0; from <= answer.length(); from++) {
      int at = from;
      List<OutputFinding> expected = new ArrayList<>();
      for (OutputFinding f : CHECK.find(answer.substring(from))) {
        expected.add(new OutputFinding(f.type(), f.start() + at, f.end() + at, f.replacement()));
      }
      assertThat(CHECK.find(answer, from)).as("from %d", from).isEqualTo(expected);
    }
    assertThat(CHECK.find(answer, 1)).isEqualTo(all);
  }

  @Test
  void aPlaceholderSplitAtEveryPossibleCutIsRestored() {
    String answer = "x[EMAIL_1_k3f9]y";
    String restored = "xann@example.comy";
    int cuts = answer.length() - 1;

    for (int mask = 0; mask < 1 << cuts; mask++) {
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < cuts; i++) {
        if ((mask & 1 << i) != 0) {
          at.add(i + 1);
        }
      }
      WholeText.Outcome outcome = Streams.run(guard(), Streams.at(answer, at));
      assertThat(outcome.text()).as("cut at %s", at).isEqualTo(restored);
      assertThat(outcome.findings()).hasSize(1);
    }
  }

  @Test
  void everyChunkingRestoresWhatTheWholeTextComesTo() {
    Random random = new Random(17);
    String[] pieces = {"[EMAIL_1_k3f9]", "[EMAIL_2_k3f9]", "[PHONE_NUMBER_1_k3f9]", "[", "[EMAIL_", "[EMAIL_1_k3f",
        "]", "k3f9]", " ", "text", "\uD83D\uDE00", "[PHONE_"};
    for (int round = 0; round < 300; round++) {
      StringBuilder answer = new StringBuilder();
      for (int i = random.nextInt(12); i >= 0; i--) {
        answer.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = answer.toString();
      WholeText.Outcome expected = WholeText.expected(List.<OutputCheck>of(CHECK), (f, t) -> OutputAction.STRIP, text);
      for (List<String> chunks : List.of(Streams.ones(text), Streams.random(text, random, 6),
          Streams.aligned(text, expected.findings()))) {
        assertThat(Streams.run(guard(), chunks)).as("%s in %s", text, chunks).isEqualTo(expected);
      }
    }
  }

  @Test
  void aGuardReleasesTextThatCannotBeginAPlaceholderAtOnce() {
    StreamGuard guard = guard();

    String released = guard.accept("Hello, this is plain text with no bracket at all.").text();

    assertThat(released.length()).isGreaterThanOrEqualTo(49 - CHECK.maxSpan());
    assertThat(released + guard.finish().text()).isEqualTo("Hello, this is plain text with no bracket at all.");
  }

  @Test
  void anEmptyVaultFindsNothingAndAnEmptyPlaceholderIsRefused() {
    PlaceholderCheck none = new PlaceholderCheck(Map.of());

    assertThat(none.find("[EMAIL_1_k3f9]")).isEmpty();
    assertThat(none.maxSpan()).isEqualTo(1);
    assertThat(none.undecided("abc[", 0)).isEqualTo(4);
    assertThatThrownBy(() -> new PlaceholderCheck(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itsDescriptionShowsNoData() {
    assertThat(CHECK.toString()).isEqualTo("PlaceholderCheck[3 placeholders]");
  }
}
