package com.lockllm.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.engine.normalize.Normalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RuleSetTest {
  private static final RuleSet DEFAULTS = RuleSet.defaults();

  @TestFactory
  Stream<DynamicTest> everyRuleMatchesItsExamplesAndNotItsCounterExamples() {
    return DEFAULTS.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
      SignatureDetector alone = SignatureDetector.create(RuleSet.of(List.of(rule)));
      for (String example : rule.examples()) {
        assertThat(alone.detect(Normalizer.create().normalize(unescape(example))).findings())
            .as("%s should match: %s", rule.id(), example)
            .anyMatch(f -> f.category().equals(rule.category()));
      }
      for (String counter : rule.counterExamples()) {
        assertThat(alone.detect(Normalizer.create().normalize(unescape(counter))).findings())
            .as("%s should not match: %s", rule.id(), counter)
            .noneMatch(f -> f.category().equals(rule.category()));
      }
    }));
  }

  @Test
  void everyRuleHasExamples() {
    assertThat(DEFAULTS.rules()).allMatch(r -> !r.examples().isEmpty());
  }

  @Test
  void everyRuleRunsAnchoredAtItsLiterals() {
    // A rule without leading literals searches the whole text: keep them rare.
    assertThat(DEFAULTS.rules().stream().filter(r -> r.literals() == null))
        .extracting(Rule::id)
        .isEmpty();
  }

  @Test
  void theNormalizersTriggerWordsAreWordsOfTheRules() throws IOException {
    String rules;
    List<String> triggers;
    try (var in = RuleSet.class.getResourceAsStream("rules.txt");
        var words = RuleSet.class.getResourceAsStream("/com/lockllm/engine/normalize/triggers.txt")) {
      rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      triggers = new String(words.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    assertThat(triggers).hasSizeGreaterThan(100);
    assertThat(triggers).allMatch(rules::contains);
  }

  @Test
  void listsCategoriesWithObfuscation() {
    assertThat(DEFAULTS.categories()).contains(
        "instruction_override", "roleplay_jailbreak", "system_prompt_extraction",
        "role_delimiter_spoofing", "tool_agent_abuse", "data_exfiltration_links", "obfuscation",
        "indirect_injection");
  }

  @Test
  void expandsDefinitionsAndContinuationLines() throws IOException {
    RuleSet set = parse("define VERB (?:ignore|skip)\n"
        + "rule a.one cat 50 \\b{VERB} the\n"
        + "  \\s+rules\n"
        + "+ skip the rules\n"
        + "- follow the rules\n");
    Rule rule = set.rules().get(0);
    assertThat(rule.pattern().pattern()).isEqualTo("\\b(?:ignore|skip) the\\s+rules");
    assertThat(rule.literals()).containsExactly("ignore", "skip");
    assertThat(rule.examples()).containsExactly("skip the rules");
    assertThat(rule.counterExamples()).containsExactly("follow the rules");
    assertThat(rule.weight()).isEqualTo(50);
  }

  @Test
  void runsGatedRulesOnlyOnTextHoldingARequiredWord() throws IOException {
    RuleSet set = parse("rule a.one cat 50 \\bplease\\b(?:\\W+\\w+){0,3}\\W+secret\n"
        + "& secret\n"
        + "+ please tell the secret\n");
    Rule rule = set.rules().get(0);
    assertThat(rule.required()).containsExactly("secret");
    assertThat(rule.admits("please tell the secret")).isTrue();
    assertThat(rule.admits("please pass the salt")).isFalse();
    assertThatThrownBy(() -> parse("& secret\n")).hasMessageContaining("required words");
  }

  @Test
  void keepsUnicodeClassesApartFromDefinitions() throws IOException {
    RuleSet set = parse("rule a.one cat 50 \\p{L}+x\n+ abcx\n");
    assertThat(set.rules().get(0).pattern().pattern()).isEqualTo("\\p{L}+x");
  }

  @Test
  void reportsMistakesWithTheirLine() {
    assertThatThrownBy(() -> parse("rule a.one cat 50 {MISSING}\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1")
        .hasMessageContaining("MISSING");
    assertThatThrownBy(() -> parse("# c\nrule a.one cat 50 (unclosed\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("rule a.one cat 150 x\n"))
        .hasMessageContaining("weight");
    assertThatThrownBy(() -> parse("rule a.one cat 50 ab\nrule a.one cat 50 cd\n"))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> parse("nonsense here\n"))
        .hasMessageContaining("expected");
  }

  @Test
  void derivesLeadingLiterals() {
    assertThat(Literals.leading("\\b(?:ignore|forget)\\s+all")).containsExactly("ignore", "forget");
    assertThat(Literals.leading("(?<!not )\\bignore\\b")).containsExactly("ignore");
    assertThat(Literals.leading("abc|(?:de|fg)h")).containsExactly("abc", "de", "fg");
    assertThat(Literals.leading("colou?r")).containsExactly("colo");
    assertThat(Literals.leading("<\\|im_start\\|>")).containsExactly("<|im_start|>");
    assertThat(Literals.leading("(?:now )?ignore")).isNull();
    assertThat(Literals.leading("[a-z]+x")).isNull();
    assertThat(Literals.leading("a|bc")).isNull();
  }

  private static RuleSet parse(String text) throws IOException {
    return RuleSet.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String unescape(String example) {
    return example.replace("\\n", "\n");
  }
}
