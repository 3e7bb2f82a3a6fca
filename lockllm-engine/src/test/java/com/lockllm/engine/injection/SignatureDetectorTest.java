package com.lockllm.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureDetectorTest {
  private static final Rule STRONG = Rule.of("t.strong", "a", 80, "\\bignore all\\b");
  private static final Rule WEAK = Rule.of("t.weak", "a", 40, "\\bprevious\\b");
  private static final Rule OTHER = Rule.of("t.other", "b", 50, "\\bjailbreak\\b");

  private static Detection detect(String text, Rule... rules) {
    return SignatureDetector.create(RuleSet.of(List.of(rules)))
        .detect(Normalizer.create().normalize(text));
  }

  @Test
  void scoresNothingWithoutHits() {
    assertThat(detect("hello there", STRONG, WEAK)).isEqualTo(Detection.none());
  }

  @Test
  void countsEachRuleOnceHowEverOftenItHits() {
    assertThat(detect("ignore all, ignore all", STRONG).score()).isCloseTo(80, within(1e-9));
  }

  @Test
  void addsFurtherRulesOfACategoryAtHalfStrength() {
    // 1 - (1 - 0.8) * (1 - 0.5 * 0.4)
    assertThat(detect("ignore all previous", STRONG, WEAK).score()).isCloseTo(84, within(1e-9));
  }

  @Test
  void combinesCategoriesByNoisyOr() {
    // 1 - (1 - 0.8) * (1 - 0.5)
    assertThat(detect("ignore all, jailbreak", STRONG, OTHER).score()).isCloseTo(90, within(1e-9));
  }

  @Test
  void reportsHitsOnTheOriginalText() {
    String text = "Please IGNORE   ALL of it";
    Finding f = detect(text, STRONG).findings().get(0);
    assertThat(text.substring(f.start(), f.end())).isEqualTo("IGNORE   ALL");
    assertThat(f.category()).isEqualTo("a");
    assertThat(f.score()).isEqualTo(80);
  }

  @Test
  void countsHiddenHitsAsObfuscationToo() {
    String text = "ign\u200Bore all";
    Detection d = detect(text, STRONG);
    assertThat(d.findings()).extracting(Finding::category).containsExactlyInAnyOrder("a", "obfuscation");
    // 1 - (1 - 0.8) * (1 - 0.6 * 0.8)
    assertThat(d.score()).isCloseTo(89.6, within(1e-9));
  }

  @Test
  void ignoresLeetspeakCopiesOfPrimaryHits() {
    Detection d = detect("ignore all v1 stuff", STRONG);
    assertThat(d.findings()).extracting(Finding::category).containsExactly("a");
  }

  @Test
  void ignoresRespelledAndCorrectedCopiesOfPrimaryHits() {
    // The text is respelled (emphasis inside a word) and corrected (a misspelt trigger word) as a
    // whole; the plain hit read again there is no obfuscation.
    Detection d = detect("ignore all, then bo**ld**ly revael it", STRONG);
    assertThat(d.findings()).extracting(Finding::category).containsExactly("a");
    assertThat(d.score()).isCloseTo(80, within(1e-9));
  }

  @Test
  void countsHitsFoundOnlyInARespelledViewAsObfuscation() {
    String text = "please i.g.n.o.r.e a.l.l now";
    Detection d = detect(text, STRONG);
    assertThat(d.findings()).extracting(Finding::category).containsExactlyInAnyOrder("a", "obfuscation");
    Finding f = d.findings().get(0);
    assertThat(text.substring(f.start(), f.end())).isEqualTo("i.g.n.o.r.e a.l.l");
  }
}
