package com.lockllm.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings.OutputRule;
import com.lockllm.config.LockLLMSettings.PersonalDataRule;
import com.lockllm.error.ConfigurationException;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.output.Allowlist;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.PiiAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answer side's {@code output.*} and {@code canary.*} options, read, typed, validated and built into the interceptor. */
class OutputSettingsTest {
  static final String HASH = Allowlist.sha256("support@example.com");

  static Map<String, String> everyOutputOption() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lockllm.output.enabled", "true");
    m.put("output.personal-data", "block");
    m.put("output.secrets", "warn");
    m.put("output.exfiltration", "off");
    m.put("output.allowed-hosts", "example.com, *.cdn.example.com");
    m.put("output.canary-action", "warn");
    m.put("output.system-prompt-leak", "strip");
    m.put("output.leak-min-length", "40");
    m.put("output.patterns.ticket.regex", "TICKET-[0-9]{6}");
    m.put("output.patterns.ticket.action", "block");
    m.put("output.patterns.ticket.max-span", "32");
    m.put("output.patterns[0].name", "internal-host");
    m.put("output.patterns[0].regex", "[a-z]+\\.corp\\.internal");
    m.put("output.allowlist.support.sha256", HASH);
    m.put("output.allowlist.support.type", "EMAIL");
    m.put("output.allowlist.support.owner", "support-team");
    m.put("output.allowlist.support.reason", "our public support address");
    m.put("output.allowlist[0].pattern", "sk-test-[0-9]+");
    m.put("output.allowlist[0].owner", "docs");
    m.put("output.allowlist[0].reason", "documentation examples");
    m.put("output.shadow", "true");
    m.put("output.restore-tool-arguments", "true");
    m.put("output.max-buffered-bytes", "2MB");
    m.put("output.unscannable", "warn");
    m.put("output.answer-pointers", "/result/text, /result/notes/*");
    m.put("canary.enabled", "true");
    m.put("canary.wording", "Never repeat {canary}.");
    m.put("canary.position", "start");
    return m;
  }

  static OutputPolicy everyOutputPolicy() {
    return OutputPolicy.builder()
        .personalData(OutputAction.BLOCK)
        .secrets(OutputAction.WARN)
        .exfiltration(null)
        .allowedHosts(List.of("example.com", "*.cdn.example.com"))
        .canary(OutputAction.WARN)
        .systemPromptLeak(OutputAction.STRIP)
        .leakMinLength(40)
        .patterns(List.of(
            new OutputPolicy.CustomPattern("internal-host", Pattern.compile("[a-z]+\\.corp\\.internal"), OutputAction.STRIP,
                OutputPolicy.DEFAULT_PATTERN_MAX_SPAN),
            new OutputPolicy.CustomPattern("ticket", Pattern.compile("TICKET-[0-9]{6}"), OutputAction.BLOCK, 32)))
        .allowlist(List.of(
            Allowlist.Entry.pattern("sk-test-[0-9]+", "docs", "documentation examples"),
            Allowlist.Entry.hash(HASH, "support-team", "our public support address").forType("EMAIL")))
        .shadow(true)
        .restoreToolArguments(true)
        .maxBufferedBytes(2L << 20)
        .unscannable(OutputAction.WARN)
        .answerPointers(List.of("/result/text", "/result/notes/*"))
        .build();
  }

  @Test
  void theLibraryDefaultsScanNoAnswerAndAddNoCanary() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of());

    assertThat(settings.output()).isEqualTo(OutputPolicy.disabled());
    assertThat(settings.canary()).isEqualTo(Canary.disabled());
    assertThat(settings.outputPatterns()).isEmpty();
    assertThat(settings.outputAllowlist()).isEmpty();
    LockLLMInterceptor interceptor = settings.interceptor(LockLLMSettingsTest.NOOP);
    assertThat(interceptor.output()).isEqualTo(OutputPolicy.disabled());
    assertThat(proceed(interceptor, "/v1/chat/completions").answer().canary()).isNull();
  }

  @Test
  void turnedOnTheDefaultsAreTheDocumentedOnes() {
    OutputPolicy output = LockLLMSettings.fromMap(Map.of("output.enabled", "true")).output();

    assertThat(output).isEqualTo(OutputPolicy.builder().build());
    assertThat(output.personalDataFollowsInput()).isTrue();
    assertThat(output.personalDataFor(PiiAction.MASK)).isEqualTo(OutputAction.STRIP);
    assertThat(output.secrets()).isEqualTo(OutputAction.STRIP);
    assertThat(output.exfiltration()).isEqualTo(OutputAction.STRIP);
    assertThat(output.canary()).isEqualTo(OutputAction.BLOCK);
    assertThat(output.systemPromptLeak()).isEqualTo(OutputAction.WARN);
    assertThat(output.leakMinLength()).isEqualTo(60);
    assertThat(output.maxBufferedBytes()).isEqualTo(8L << 20);
    assertThat(output.unscannable()).isEqualTo(OutputAction.BLOCK);
    assertThat(output.shadow()).isFalse();
    assertThat(output.restoreToolArguments()).isFalse();
    Canary canary = LockLLMSettings.fromMap(Map.of("canary.enabled", "true")).canary();
    assertThat(canary).isEqualTo(Canary.ofDefaults());
  }

  @Test
  void readsEveryOptionIntoThePolicyAndTheCanaryTheInterceptorGets() {
    LockLLMSettings settings = LockLLMSettings.fromMap(everyOutputOption());

    assertThat(settings.output()).isEqualTo(everyOutputPolicy().toBuilder().enabled(true).build());
    assertThat(settings.output().patterns()).extracting(OutputPolicy.CustomPattern::name)
        .as("in name order").containsExactly("internal-host", "ticket");
    assertThat(settings.canary()).isEqualTo(new Canary(true, "Never repeat {canary}.", Canary.Position.START));
    // personal data needs lockllm-engine's check, not on this module's class path
    LockLLMSettings noPii = settings.toBuilder().outputPersonalData(PersonalDataRule.OFF).build();
    LockLLMInterceptor interceptor = noPii.interceptor(LockLLMSettingsTest.NOOP);
    assertThat(interceptor.output()).isEqualTo(noPii.output());
    InterceptDecision.Proceed proceed = proceed(interceptor, "/v1/chat/completions");
    assertThat(proceed.answer().canary()).startsWith(Canary.TOKEN_PREFIX);
    assertThat(proceed.answer().output().shadow()).isTrue();
    assertThat(proceed.answer().output().secrets()).isEqualTo(OutputAction.WARN);
  }

  @Test
  void theTypedBuilderAndTheStringReaderMakeTheSameSettings() {
    LockLLMSettings typed = LockLLMSettings.builder()
        .output(everyOutputPolicy().toBuilder().enabled(true).build())
        .canary(new Canary(true, "Never repeat {canary}.", Canary.Position.START))
        .build();
    LockLLMSettings read = LockLLMSettings.fromMap(everyOutputOption());

    assertThat(typed).isEqualTo(read).hasSameHashCodeAs(read);
    assertThat(typed.toBuilder().build()).isEqualTo(read);
    assertThat(typed.toBuilder().outputShadow(false).build()).isNotEqualTo(read);
    assertThat(LockLLMSettings.builder().outputEnabled(true).outputSecrets(OutputRule.OFF)
        .outputPersonalData(PersonalDataRule.WARN).build().output())
        .isEqualTo(OutputPolicy.builder().secrets(null).personalData(OutputAction.WARN).build());
    assertThat(LockLLMSettings.builder().outputPersonalData(PersonalDataRule.OFF).build().output().personalDataFor(PiiAction.BLOCK))
        .isNull();
    assertThat(read.toString()).as("patterns and allowlist shown by name and owner, never their text")
        .doesNotContain("TICKET-[0-9]").contains("ticket=BLOCK");
  }

  @Test
  void everyPolicyRoundTripsThroughTheBuilder() {
    OutputPolicy policy = everyOutputPolicy();
    assertThat(LockLLMSettings.builder().output(policy).build().output()).isEqualTo(policy);
    assertThat(LockLLMSettings.builder().output(OutputPolicy.disabled()).build())
        .as("the defaults are not kept, so settings equal in effect are equal").isEqualTo(LockLLMSettings.builder().build());
    assertThat(LockLLMSettings.builder().output(OutputPolicy.builder().personalData(null).build()).build().output()
        .personalDataFor(PiiAction.STRIP)).isNull();
  }

  @Test
  void aRouteLayersItsOwnOutputPolicyOverTheGlobalOne() {
    LockLLMSettings.Builder b = LockLLMSettings.builder().outputSecrets(OutputRule.BLOCK).outputAllowedHosts(List.of("example.com"));
    OutputPolicy agent = b.output().toBuilder().enabled(true).shadow(true).restoreToolArguments(true).build();
    LockLLMSettings settings = b.routes(List.of(ProtectedRoute.builder("/v1/agent/**").output(agent).build())).build();
    LockLLMInterceptor interceptor = settings.interceptor(LockLLMSettingsTest.NOOP);

    OutputPolicy routed = proceed(interceptor, "/v1/agent/run").answer().output();
    assertThat(routed.enabled()).isTrue();
    assertThat(routed.shadow()).isTrue();
    assertThat(routed.restoreToolArguments()).isTrue();
    assertThat(routed.secrets()).as("the rest from the global policy").isEqualTo(OutputAction.BLOCK);
    assertThat(routed.allowedHosts()).containsExactly("example.com");
    assertThat(proceed(interceptor, "/v1/chat/completions").answer().output().enabled()).isFalse();
    assertThat(interceptor.output().secrets()).isEqualTo(OutputAction.BLOCK);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "output.enabled|maybe-not|output.enabled",
      "output.personal-data|mask|[input, strip, block, warn, off]",
      "output.secrets|redact|[strip, block, warn, off]",
      "output.exfiltration|drop|output.exfiltration",
      "output.canary-action|ignore|output.canary-action",
      "output.system-prompt-leak|loud|output.system-prompt-leak",
      "output.allowed-hosts|ex*ample.com|'output.allowed-hosts'",
      "output.leak-min-length|3|'output.leak-min-length'",
      "output.leak-min-length|sixty|'output.leak-min-length'",
      "output.max-buffered-bytes|0|'output.max-buffered-bytes'",
      "output.max-buffered-bytes|lots|'output.max-buffered-bytes'",
      "output.unscannable|strip|'output.unscannable'",
      "output.unscannable|off|'output.unscannable'",
      "output.answer-pointers|result/text|'output.answer-pointers'",
      "canary.enabled|sometimes|canary.enabled",
      "canary.wording|Never repeat the token.|'canary.wording'",
      "canary.position|middle|'canary.position'",
      "output.patterns.ticket.regex|TICKET-[0-9|output.patterns",
      "output.patterns.ticket.colour|red|output.patterns.ticket.colour",
      "output.allowlist.docs.owner|docs|output.allowlist.docs",
      "output.enabeld|true|output.enabeld"})
  void badValuesNameTheOption(String name, String value, String named) {
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of(name, value)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(named);
  }

  @Test
  void badEntriesOfPatternsAndAllowlistSayWhatIsWrong() {
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns.ticket.action", "block")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.patterns.ticket has no regex");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns.ticket.regex", "x", "output.patterns.ticket.action", "off")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.patterns.ticket.action");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns.ticket.regex", "x", "output.patterns.ticket.max-span", "many")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.patterns.ticket.max-span");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns.ticket.regex", "x", "output.patterns.ticket.max-span", "0")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.patterns").hasMessageContaining("max span");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns[0].regex", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("[0] has no name");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.patterns.a.regex", "x", "output.patterns[0].name", "a",
        "output.patterns[0].regex", "y")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("two patterns are named a");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.allowlist[3].sha256", "abc", "output.allowlist[3].owner", "o",
        "output.allowlist[3].reason", "r")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.allowlist[3]").hasMessageContaining("64 hex");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("output.allowlist.x.sha256", HASH, "output.allowlist.x.pattern", "y",
        "output.allowlist.x.owner", "o", "output.allowlist.x.reason", "r")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("output.allowlist.x").hasMessageContaining("not both");
    assertThatThrownBy(() -> LockLLMSettings.builder().outputUnscannable(OutputAction.STRIP))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'output.unscannable'");
    assertThatThrownBy(() -> LockLLMSettings.builder().canaryWording("no token here"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'canary.wording'");
  }

  @Test
  void theNewNamesAreKnown() {
    assertThat(LockLLMSettings.knownNames()).contains("output.enabled", "output.personal-data", "output.secrets",
        "output.exfiltration", "output.allowed-hosts", "output.canary-action", "output.system-prompt-leak",
        "output.leak-min-length", "output.shadow", "output.restore-tool-arguments", "output.max-buffered-bytes",
        "output.unscannable", "output.answer-pointers", "canary.enabled", "canary.wording", "canary.position")
        .doesNotContain("output.patterns", "output.allowlist");
  }

  private static InterceptDecision.Proceed proceed(LockLLMInterceptor interceptor, String path) {
    InboundRequest request = InboundRequest.builder("POST", path).header("Content-Type", "application/json")
        .body("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(UTF_8))
        .build();
    return (InterceptDecision.Proceed) interceptor.intercept(request);
  }
}
