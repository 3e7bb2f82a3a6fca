package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputCheck#undecided} and {@link OutputCheck#find(CharSequence, int)} of the real checks
 * against their contracts, on every prefix of answers and of texts dense in the shapes' first
 * characters: what a prefix reports before its undecided position is what the whole text reports
 * there, and reading from the end of a match, with the characters before it as context, reports
 * the whole text's later matches.
 */
class UndecidedTest {
  private static final List<OutputCheck> CHECKS = List.of(new SecretCheck(), new ExfiltrationCheck(),
      new ExfiltrationCheck(List.of("x.io")), OutputChecks.of(List.of(new SecretCheck(), new ExfiltrationCheck())));

  @Test
  void aPrefixReportsBeforeItsUndecidedPositionWhatTheWholeTextDoes() {
    List<String> texts = new ArrayList<>();
    new AnswerTextGenerator(41).answers(2).forEach(answer -> texts.add(answer.text()));
    Random random = new Random(41);
    for (int i = 0; i < 30; i++) {
      texts.add(dense(random, new SecretSamples(random)));
    }
    for (OutputCheck check : CHECKS) {
      for (String text : texts) {
        List<OutputFinding> whole = check.find(text);
        for (int length = 0; length <= text.length(); length++) {
          String prefix = text.substring(0, length);
          int undecided = check.undecided(prefix, 0);
          assertThat(undecided).isBetween(0, length);
          assertThat(before(check.find(prefix), undecided)).as("%s on %s, undecided %d", check, prefix, undecided)
              .isEqualTo(before(whole, undecided));
        }
      }
    }
  }

  @Test
  void readingFromAMatchsEndReportsTheWholeTextsLaterMatches() {
    Random random = new Random(43);
    for (int i = 0; i < 300; i++) {
      String text = dense(random, new SecretSamples(random));
      for (OutputCheck check : CHECKS) {
        List<OutputFinding> whole = check.find(text);
        for (int m = 0; m < whole.size(); m++) {
          int from = whole.get(m).end();
          int shift = Math.max(0, from - check.lookBehind());
          String context = text.substring(shift);
          List<OutputFinding> resumed = new ArrayList<>();
          for (OutputFinding f : check.find(context, from - shift)) {
            resumed.add(new OutputFinding(f.type(), f.start() + shift, f.end() + shift, f.replacement()));
          }
          assertThat(resumed).as("%s from %d on %s", check, from, text).isEqualTo(whole.subList(m + 1, whole.size()));
        }
      }
    }
  }

  private static List<OutputFinding> before(List<OutputFinding> findings, int position) {
    return findings.stream().filter(f -> f.start() < position).toList();
  }

  /** Text made of the shapes' first characters, their pieces and separators, and now and then a whole secret. */
  static String dense(Random random, SecretSamples samples) {
    String[] pieces = {"sk-", "sk-ant-api03-", "sk_live_", "AKIA", "ASIA", "ghp_", "github_pat_", "AIza", "xoxb-", "hf_", "eyJ",
        "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----\n", "postgres://", "MySQL://",
        "svc:pw9Xz@db.internal", "u:p@h", "![", "[", "]", "](", "https://evil.io/p?q=1", "https://x.io/?d=2", ")", "<img src=", "<IMG ",
        "\"", "'", ">", "\n", "\r\n", "[1]: ", "   ", " ", "a", "Z9", ".", "=", "/", "_", "-", "\uD83D\uDE00"};
    StringBuilder text = new StringBuilder();
    int count = 5 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(pieces.length + 3);
      if (pick < pieces.length) {
        text.append(pieces[pick]);
      } else if (pick == pieces.length) {
        text.append(samples.chars(SecretSamples.URLSAFE, 8 + random.nextInt(40)));
      } else {
        text.append(samples.of(AnswerTextGenerator.SECRET_TYPES.get(random.nextInt(AnswerTextGenerator.SECRET_TYPES.size()))));
      }
    }
    return text.toString();
  }
}
