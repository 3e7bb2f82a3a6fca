package com.lockllm.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.PolicyViolation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySetTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final PolicySet SET = PolicySet.of(
      Policy.builder("No Financial Advice")
          .description("Do not give investment advice")
          .category(PolicyCategory.builder("Investment Guidance")
              .description("Recommendations to buy or sell securities")
              .phrases("stock tips", "insider trading")
              .examples("Which stocks should I buy right now?")
              .build())
          .build(),
      Policy.builder("Internal Data")
          .category(PolicyCategory.builder("Project Codenames")
              .patterns("project[ _-]?(falcon|osprey)", "\\bPRJ-\\d{4}\\b")
              .build())
          .build());

  private static String categoriesOf(PolicyResult r) {
    return r.violations().stream()
        .flatMap(v -> v.violatedCategories().stream().map(c -> v.policyName() + "/" + c.name()))
        .toList().toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Any good stock tips for me?",
      "Any good STOCK   TIPS for me?",
      "Any good st0ck t1ps for me?",            // leetspeak
      "Any good s\u200Btock tips for me?",        // zero-width space
      "Any good \u0455tock tips for me?",         // Cyrillic look-alike
      "Pna lbh tvir zr fbzr tbbq fgbpx gvcf sbe guvf jrrx?"}) // rot13
  void phrasesMatchThroughObfuscation(String prompt) {
    PolicyResult r = SET.evaluate(prompt);
    assertThat(categoriesOf(r)).isEqualTo("[No Financial Advice/Investment Guidance]");
    assertThat(r.confidence()).isEqualTo(100.0);
  }

  @Test
  void aBase64EncodedPhraseMatchesAndTheSnippetIsTheEncodedRun() {
    String encoded = Base64.getEncoder().encodeToString(
        "tell me about insider trading please".getBytes(StandardCharsets.UTF_8));
    PolicyResult r = SET.evaluate("Decode this: " + encoded);
    assertThat(categoriesOf(r)).isEqualTo("[No Financial Advice/Investment Guidance]");
    assertThat(r.violations().get(0).violationDetails()).isEqualTo(encoded);
  }

  @ParameterizedTest
  @ValueSource(strings = {"I like stock tipsters", "restock tips over", "the stockpile tips"})
  void phrasesMatchWholeWordsOnly(String prompt) {
    assertThat(SET.evaluate(prompt).violations()).isEmpty();
  }

  @Test
  void patternsMatchAndQuoteTheTriggeringText() {
    PolicyResult r = SET.evaluate("Status of Project-Falcon and ticket PRJ-1234?");
    assertThat(categoriesOf(r)).isEqualTo("[Internal Data/Project Codenames]");
    assertThat(r.violations().get(0).violationDetails()).isEqualTo("Project-Falcon");
    assertThat(SET.evaluate("ticket prj-12345 and falcon project").violated()).isFalse();
  }

  @Test
  void examplesMatchParaphrasesButNotNearMisses() {
    PolicyResult hit = SET.evaluate("Hello there. Which stocks should I buy today? Thanks!");
    assertThat(categoriesOf(hit)).isEqualTo("[No Financial Advice/Investment Guidance]");
    assertThat(hit.violations().get(0).violationDetails())
        .isEqualTo("Which stocks should I buy today?");
    assertThat(hit.confidence()).isBetween(50.0, 100.0);
    PolicyResult miss = SET.evaluate("What is a stock exchange and how did it start?");
    assertThat(miss.violated()).isFalse();
    assertThat(miss.confidence()).isBetween(50.0, 100.0);
  }

  @Test
  void anEmptySetAndACompliantPromptAreFullyConfident() {
    assertThat(PolicySet.empty().evaluate("stock tips").confidence()).isEqualTo(100.0);
    assertThat(SET.evaluate("Translate good morning into French").confidence()).isEqualTo(100.0);
  }

  @Test
  void anEmptyOrBlankPromptComplies() {
    assertThat(SET.evaluate("").violated()).isFalse();
    assertThat(SET.evaluate("  \n ").violated()).isFalse();
  }

  @Test
  void aLongPromptIsCheckedInWindows() {
    String prompt = "lorem ipsum dolor sit amet. ".repeat(1000) + "any stock tips?";
    long started = System.nanoTime();
    PolicyResult r = SET.evaluate(prompt);
    System.out.printf("28 KB prompt: %.1f ms%n", (System.nanoTime() - started) / 1e6);
    assertThat(r.violations().get(0).violationDetails()).isEqualTo("stock tips");
  }

  @Test
  void nestedQuantifiersAreRejectedAndOtherPatternsRunUnderABudget() {
    assertThatThrownBy(() -> PolicyCategory.builder("x").patterns("(a+)+b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catastrophic");
    assertThatThrownBy(() -> PolicyCategory.builder("x").patterns("(\\w*)*$"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyCategory.builder("x").patterns("(unclosed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid pattern");
    // Exponential without a nested quantifier: (a|a)* backtracks 2^n ways; the budget stops it.
    Pattern slow = Pattern.compile("(a|aa|a)*c");
    long started = System.nanoTime();
    assertThat(PolicySet.find(slow, "a".repeat(60))).isNull();
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
  }

  @Test
  void violationsSerializeInTheLockLLMShape() throws Exception {
    PolicyViolation v = SET.evaluate("got any stock tips?").violations().get(0);
    JsonNode json = OBJECT_MAPPER.readTree(OBJECT_MAPPER.writeValueAsString(v));
    assertThat(json.get("policy_name").asText()).isEqualTo("No Financial Advice");
    assertThat(json.get("violated_categories").get(0).get("name").asText())
        .isEqualTo("Investment Guidance");
    assertThat(json.get("violated_categories").get(0).get("description").asText())
        .isEqualTo("Recommendations to buy or sell securities");
    assertThat(json.get("violation_details").asText()).isEqualTo("stock tips");
  }

  @Test
  void buildsFromTheConfiguredPolicies() {
    PolicySet set = PolicySet.of(List.of(
        new CustomPolicy("No Financial Advice", "No investment advice", List.of(new CustomPolicy.Category(
            "Investment Guidance", null, List.of("stock tips", "insider trading"), List.of(),
            List.of("Which stocks should I buy, and when?")))),
        new CustomPolicy("Internal Data", null, List.of(new CustomPolicy.Category(
            "Project Codenames", null, List.of(), List.of("PRJ-\\d{4,5}", "project (falcon|osprey)"), List.of())))),
        0.6);
    assertThat(set.similarity()).isEqualTo(0.6);
    assertThat(set.policies()).extracting(Policy::name).containsExactly("No Financial Advice", "Internal Data");
    assertThat(set.policies().get(1).categories().get(0).patterns()).hasSize(2);
    assertThat(set.evaluate("need insider trading info on PRJ-0001").violations()).hasSize(2);

    assertThatThrownBy(() -> PolicySet.of(List.of(new CustomPolicy("a", null, List.of())), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no categories");
    assertThatThrownBy(() -> PolicySet.of(List.of(new CustomPolicy("a", null,
            List.of(new CustomPolicy.Category("b", null, List.of(), List.of("(a+)+"), List.of())))), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy 'a', category 'b'");
  }
}
