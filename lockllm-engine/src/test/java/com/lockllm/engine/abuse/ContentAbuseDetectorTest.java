package com.lockllm.engine.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentAbuseDetectorTest {
  private static final ContentAbuseDetector D = ContentAbuseDetector.create();
  private static final String LEAD = "Please summarize the attached report in three short bullet points. ";

  @Test
  void ordinaryPromptsScoreZero() {
    for (String text : List.of(
        "What is the capital of France?",
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.",
        "def f(x):\n    return {'a': [1, 2, (3, 4)]}\n\nprint(f(1))  # prints the dict",
        "Title\n=====\n\nSome text.\n\n---\n\n* item one\n* item two",
        "No, no, no! That is not what I said. Very very good, thanks!!")) {
      ContentAbuseReport r = D.analyze(text);
      assertThat(r.confidence()).as(text).isZero();
      assertThat(r.detected()).isFalse();
      assertThat(r.toWarning()).isNull();
      assertThat(r.abuseTypes()).isEmpty();
      assertThat(r.findings()).isEmpty();
    }
  }

  @Test
  void aRepeatedCharacterOrShortUnitIsRepetitionWithItsSpan() {
    String run = "a".repeat(100);
    String text = LEAD + run + " end";
    ContentAbuseReport r = D.analyze(text);
    assertThat(r.signals().longestCharRun()).isEqualTo(100);
    assertThat(r.repetitionScore()).isEqualTo(100.0);
    assertThat(r.abuseTypes()).containsExactly(ContentAbuseDetector.EXCESSIVE_REPETITION);
    assertThat(r.findings()).containsExactly(new Finding(LEAD.length(), LEAD.length() + 100,
        "abuse:excessive_repetition", 100.0));
    assertThat(D.analyze(LEAD + "😂".repeat(40)).signals().longestCharRun()).isEqualTo(80);
    assertThat(D.analyze(LEAD + "lol".repeat(30)).detected()).isTrue();
    assertThat(D.analyze(LEAD + "z".repeat(20)).detected()).isFalse();
    // twenty "!" after a sentence are excessive special characters, not (yet) repetition
    assertThat(D.analyze(LEAD + "!".repeat(20)).abuseTypes()).containsExactly(ContentAbuseDetector.BOT_GENERATED);
  }

  @Test
  void separatorRulesNeedToBeMuchLonger() {
    assertThat(D.analyze("Heading\n" + "-".repeat(80) + "\ntext").confidence()).isZero();
    assertThat(D.analyze("Heading\n" + "=".repeat(79) + "\ntext").signals().longestSeparatorRun()).isEqualTo(79);
    assertThat(D.analyze("Heading\n" + "-".repeat(400) + "\ntext").abuseTypes())
        .containsExactly(ContentAbuseDetector.EXCESSIVE_REPETITION);
  }

  @Test
  void aRepeatedWordOrPhraseIsRepetition() {
    String text = LEAD + "spam ".repeat(50);
    ContentAbuseReport r = D.analyze(text);
    assertThat(r.signals().longestWordRun()).isEqualTo(49);
    assertThat(r.abuseTypes()).contains(ContentAbuseDetector.EXCESSIVE_REPETITION);
    Finding word = r.findings().get(0);
    assertThat(text.substring(word.start(), word.end())).isEqualTo("spam ".repeat(50).trim());

    ContentAbuseReport phrase = D.analyze("Buy cheap watches now! ".repeat(20));
    assertThat(phrase.signals().longestWordRun()).isEqualTo(76);
    assertThat(phrase.detected()).isTrue();
    // a short emphatic repetition is not abuse
    assertThat(D.analyze("please please please please help me with this").detected()).isFalse();
  }

  @Test
  void aRepeatedParagraphIsFoundThroughRepeatedFourGrams() {
    String paragraph = "The committee reviewed the budget for the next quarter and approved most of it. "
        + "Our team is planning a hiking trip to the mountains in early spring.\n";
    ContentAbuseReport r = D.analyze(paragraph.repeat(6));
    assertThat(r.signals().longestWordRun()).isLessThan(16); // period far above 8 words
    assertThat(r.signals().duplicateNgramShare()).isGreaterThan(0.8);
    // identical lines are also the most template-like text there is
    assertThat(r.abuseTypes()).contains(ContentAbuseDetector.EXCESSIVE_REPETITION);
  }

  @Test
  void templatedLinesAreBotGenerated() {
    String[] names = {"Anna", "James", "Maria", "Wei", "Olga", "Carlos", "Priya", "Tom"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append("Hey ").append(names[i]).append(", get cheap watches at https://deal").append(i)
          .append(".example/x").append(i * 7).append(" and save ").append(10 + i).append("% today!\n");
    }
    ContentAbuseReport r = D.analyze(sb.toString());
    assertThat(r.signals().templateLines()).isEqualTo(8);
    assertThat(r.signals().templateLineShare()).isEqualTo(1.0);
    assertThat(r.botScore()).isEqualTo(100.0);
    assertThat(r.abuseTypes()).startsWith(ContentAbuseDetector.BOT_GENERATED);
    AbuseWarning w = r.toWarning();
    assertThat(w.recommendation()).contains("human");
  }

  @Test
  void tablesAndNumberedListsAreNotTemplates() {
    StringBuilder table = new StringBuilder("| Year | W | L | Coach |\n|---|---|---|---|\n");
    for (int y = 1910; y < 1950; y++) {
      table.append("| ").append(y).append(" | 5 | 3 | Earl Ball did not play |\n");
    }
    assertThat(D.analyze(table.toString()).confidence()).isZero();
    String list = "1. Write a poem about cats.\n2. Write a poem about dogs.\n3. Write a poem about birds.\n"
        + "4. Write a poem about fish.\n5. Write a poem about the sea.\n6. Write a poem about trees.\n";
    assertThat(D.analyze(list).detected()).isFalse();
  }

  @Test
  void emojiAndSymbolSpamIsBotGenerated() {
    String spam = "🔥🔥 FREE 💰💰💰 money $$$ now 🚀 CLICK ✅✅ deal ⭐⭐⭐ WIN 🎁 BONUS 💯💯 hot 👉👉 cash 🤑";
    ContentAbuseReport r = D.analyze(spam);
    assertThat(r.signals().symbolShare()).isGreaterThan(0.6);
    assertThat(r.abuseTypes()).containsExactly(ContentAbuseDetector.BOT_GENERATED);
    // question marks from mis-decoded text do not count
    assertThat(D.analyze("??? Joseph Markus\n??? Poncho App\n??? 94 Main 44\n??? Suite 574\n??? Falkenberg")
        .confidence()).isZero();
  }

  @Test
  void deepNestingEscapesGiantTokensAndLengthAreResourceExhaustion() {
    String nested = LEAD + "[".repeat(60) + "1" + "]".repeat(60);
    ContentAbuseReport n = D.analyze(nested);
    assertThat(n.signals().nestingDepth()).isEqualTo(60);
    // the closing run "]]]]..." is a repeated character as well
    assertThat(n.abuseTypes()).contains(ContentAbuseDetector.RESOURCE_EXHAUSTION,
        ContentAbuseDetector.EXCESSIVE_REPETITION);
    assertThat(n.findings()).anySatisfy(f -> {
      assertThat(f.category()).isEqualTo("abuse:resource_exhaustion");
      assertThat(f.start()).isEqualTo(LEAD.length());
    });
    assertThat(D.analyze("{\"a\":{\"b\":{\"c\":[1,[2,[3]]]}}}").signals().nestingDepth()).isEqualTo(6);

    String json = "{\"q\":\"hi\"}";
    for (int i = 1; i < 9; i++) {
      json = "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    ContentAbuseReport e = D.analyze(json);
    assertThat(e.signals().escapeLevels()).isEqualTo(9);
    assertThat(e.detected()).isTrue();
    assertThat(D.analyze("say \\\"hi\\\" to me").signals().escapeLevels()).isEqualTo(2);

    StringBuilder token = new StringBuilder();
    Random rnd = new Random(1);
    while (token.length() < 20_000) {
      token.append((char) ('a' + rnd.nextInt(26)));
    }
    assertThat(D.analyze(LEAD + token).abuseTypes()).containsExactly(ContentAbuseDetector.RESOURCE_EXHAUSTION);

    String sentence = "Sentence number %d talks about item %d in some detail. ";
    StringBuilder longText = new StringBuilder();
    for (int i = 0; longText.length() < 140_000; i++) {
      longText.append(String.format(sentence, i, i * 31 % 1000));
    }
    ContentAbuseReport l = D.analyze(longText.toString());
    assertThat(l.resourceScore()).isEqualTo(100.0);
    assertThat(D.analyze(longText.substring(0, 30_000)).resourceScore()).isZero();
    assertThat(ContentAbuseDetector.withOversizedChars(16_384).analyze(longText.substring(0, 30_000))
        .resourceScore()).isBetween(50.0, 100.0);
    assertThatThrownBy(() -> ContentAbuseDetector.withOversizedChars(10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWarningHasTheLockLlmShape() {
    ContentAbuseReport r = D.analyze(("spam ".repeat(100)) + "[".repeat(30));
    AbuseWarning w = r.toWarning();
    assertThat(w.detected()).isTrue();
    assertThat(w.confidence()).isEqualTo(100.0);
    assertThat(w.abuseTypes()).containsExactly(ContentAbuseDetector.EXCESSIVE_REPETITION);
    assertThat(w.indicators()).containsOnlyKeys("bot_score", "repetition_score", "resource_score");
    assertThat(w.indicators().get("resource_score")).isEqualTo(r.resourceScore()).isBetween(1.0, 49.0);
    assertThat(w.recommendation()).isNotBlank();
  }

  @Test
  void hostileMegabyteInputsAreLinear() {
    int mb = 1 << 20;
    Random rnd = new Random(7);
    StringBuilder random = new StringBuilder(mb);
    for (int i = 0; i < mb; i++) {
      random.append((char) (32 + rnd.nextInt(95)));
    }
    StringBuilder lines = new StringBuilder(mb);
    for (int i = 0; lines.length() < mb; i++) {
      lines.append("line ").append(Integer.toHexString(i * 2654435761L > 0 ? i : -i)).append(" alpha beta gamma delta\n");
    }
    List<String> inputs = List.of("a".repeat(mb), "[".repeat(mb), "\\".repeat(mb - 1) + "\"",
        "ab ".repeat(mb / 3), "<{(".repeat(mb / 3), random.toString(), lines.toString(),
        "🔥".repeat(mb / 2), "\n".repeat(mb));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (String input : inputs) {
        ContentAbuseReport r = D.analyze(input);
        assertThat(r.resourceScore()).as("1 MB is oversized").isEqualTo(100.0);
      }
    });
  }

  @Test
  void theCountingTablesStopGrowingAtTheirCap() {
    IntCounter c = new IntCounter(1024);
    for (int i = 1; i <= 100_000; i++) {
      c.increment(i);
    }
    assertThat(c.capacity()).isEqualTo(1024);
    assertThat(c.increment(5)).isEqualTo(1);      // known keys still count
    assertThat(c.increment(99_999)).isZero();     // new ones are refused
    assertThat(c.increment(99_999)).isZero();
  }
}
