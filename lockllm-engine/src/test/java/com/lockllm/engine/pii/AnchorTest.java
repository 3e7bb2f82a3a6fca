package com.lockllm.engine.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.HostileShapes;
import com.lockllm.engine.eval.SharedDatasets;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every anchored recognizer finds exactly what its pattern finds with plain {@code Matcher.find}
 * (its twin anchored {@link Anchor#ANYWHERE}): on the shared data sets, on hostile shapes and on
 * random text made of the characters and words the anchors key on.
 */
class AnchorTest {
  private static final String[] PIECES = {
    "0", "1", "5", "6", "9", "12", "00", "+", "(", ")", "-", ".", " ", "  ", ",", ":", "#", "@", "_",
    "a", "b", "x", "Z", "AL", "NY", "DE89", "gb82", "Mary", "Johnson", "Street", "St", "Via", "Rue",
    "Av.", "Koskikatu", "Hauptstra\u00dfe", "\u00c9mile", "\u00c4", "\ud835\udc00", "\ud83d\ude00",
    "my name is ", "I'm ", "Dear ", "Mr. ", "Dr", "Hello ", "regards, ", "account number is ",
    "ACCT # ", "a/c no. ", "routing number ", "EIN: ", "tax id ", "DOB: ", "born on ",
    "date of birth ", "password: ", "PWD=", "pin code is ", "username: ", "login id ",
    "driver's license ", "DL ", "passport no. ", "id card ", "Apt ", "Suite ", "Unit ", "PSC ",
    "Box ", "APO AE ", "zip code ", "Postal Code: ", "phone ", "call ", "ssn ", "ext. ", "\n", "\t"
  };

  @Test
  void findsWhatFindFindsOnTheDataSets() throws IOException {
    Path datasets = SharedDatasets.dir();
    ObjectMapper mapper = new ObjectMapper();
    int texts = 0;
    try (Stream<Path> files = Files.list(datasets)) {
      for (Path file : files.sorted().toList()) {
        if (!file.toString().endsWith(".jsonl") || file.getFileName().toString().startsWith("gazetteer")) {
          continue;
        }
        // Every PII row, and the first 1,500 of each prompt set: enough of each source's shapes.
        int limit = file.getFileName().toString().startsWith("pii") ? Integer.MAX_VALUE : 1500;
        try (BufferedReader in = Files.newBufferedReader(file)) {
          String line;
          for (int i = 0; i < limit && (line = in.readLine()) != null; i++) {
            JsonNode text = mapper.readTree(line).get("text");
            if (text != null) {
              assertSameAsFind(text.asText());
              texts++;
            }
          }
        }
      }
    }
    assertThat(texts).isGreaterThan(10_000);
  }

  @Test
  void findsWhatFindFindsOnHostileShapes() {
    for (HostileShapes shape : HostileShapes.values()) {
      assertSameAsFind(shape.text(8192));
    }
  }

  @Test
  void findsWhatFindFindsOnRandomPieces() {
    Random random = new Random(7);
    for (int n = 0; n < 3000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = 1 + random.nextInt(40); i > 0; i--) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSameAsFind(b.toString());
    }
  }

  @Test
  void anchorsSkipPositionsThatCannotStartAMatch() {
    SearchText text = SearchText.of("Call Account 5 or ACCOUNT, acct; no digits here");
    Anchor.Cursor digits = Anchor.DIGIT.cursor(text);
    assertThat(digits.next(0)).isEqualTo(13);
    assertThat(digits.next(14)).isEqualTo(-1);
    Anchor.Cursor words = Anchor.words("account", "acct").cursor(text);
    assertThat(List.of(words.next(0), words.next(6), words.next(19), words.next(28)))
        .containsExactly(5, 18, 27, -1);
    Anchor.Cursor email = Anchor.before('@', 3, Character::isLetter).cursor(SearchText.of("abcdef@ x@"));
    assertThat(List.of(email.next(0), email.next(4), email.next(6))).containsExactly(3, 4, 8);
  }

  /** Fails unless each recognizer of {@link PiiDetector} finds in {@code text} what plain find does. */
  static void assertSameAsFind(String text) {
    SearchText search = SearchText.of(text);
    for (Recognizer r : PiiDetector.RECOGNIZERS) {
      Recognizer plain = r;
      if (r instanceof PatternRecognizer p) {
        plain = new PatternRecognizer(p.type(), Anchor.ANYWHERE, p.pattern(), p.group(), p.check());
      } else if (r instanceof NameRecognizer) {
        plain = new NameRecognizer(Anchor.ANYWHERE, Anchor.ANYWHERE);
      }
      List<PiiEntity> anchored = new ArrayList<>();
      List<PiiEntity> expected = new ArrayList<>();
      r.find(search, anchored);
      plain.find(search, expected);
      assertThat(anchored).as("%s on %s", r, text).isEqualTo(expected);
    }
  }
}
