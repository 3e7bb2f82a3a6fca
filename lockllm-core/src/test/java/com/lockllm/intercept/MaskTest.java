package com.lockllm.intercept;

import static com.lockllm.intercept.LockLLMInterceptorTest.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.intercept.LockLLMInterceptorTest.FakeScanner;
import com.lockllm.output.OutputChecks;
import com.lockllm.output.PlaceholderCheck;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.Finding;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ]{8,}\\d");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|PHONE_NUMBER)_\\d_[a-z2-7]{4}]");
  private static final ScanOptions MASK = ScanOptions.builder().piiAction(PiiAction.MASK).build();

  /**
   * A scanner that finds personal data as the embedded engine does: {@code pii:<Type>} findings at
   * offsets into the joined input, and (asked for strip) each segment redacted with {@code [Type]}.
   * With {@code spans} false it answers as the LockLLM API: the redaction but no findings.
   */
  static ScanResponse piiScan(ScanRequest request, boolean spans) {
    List<Finding> findings = new ArrayList<>();
    List<String> redacted = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < request.segments().size(); i++) {
      String text = request.segments().get(i).text();
      String out = text;
      for (Map.Entry<String, Pattern> type : Map.of("Email", EMAIL, "Phone Number", PHONE).entrySet()) {
        Matcher m = type.getValue().matcher(text);
        while (m.find()) {
          types.add(type.getKey());
          findings.add(new Finding(request.segmentStart(i) + m.start(), request.segmentStart(i) + m.end(),
              "pii:" + type.getKey(), 100));
        }
        out = type.getValue().matcher(out).replaceAll("[" + type.getKey() + "]");
      }
      redacted.add(out);
    }
    boolean detected = !types.isEmpty();
    boolean strip = request.options().piiAction() == PiiAction.STRIP;
    return ScanResponse.builder().safe(true).label(0).injection(1.0).confidence(99.0).requestId("req_pii")
        .piiResult(strip && detected
            ? new PiiResult(true, List.copyOf(types), findings.size(), String.join(ScanRequest.SEPARATOR, redacted), redacted)
            : new PiiResult(detected, List.copyOf(types), findings.size(), null))
        .findings(spans ? findings : null)
        .build();
  }

  static InterceptDecision.Proceed masked(FakeScanner scanner, String body) {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(scanner).options(MASK).build();
    return (InterceptDecision.Proceed) interceptor.intercept(post("/v1/any", body));
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("openai chat",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Escalate to ops@corp.example.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"I am ann@example.com, call +44 20 7946 0958\"}]}]}"),
        Arguments.of("openai responses",
            "{\"model\":\"gpt-4.1\",\"instructions\":\"Escalate to ops@corp.example.\","
                + "\"input\":\"I am ann@example.com, call +44 20 7946 0958\"}"),
        Arguments.of("anthropic",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"system\":[{\"type\":\"text\",\"text\":\"Escalate to ops@corp.example.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"I am ann@example.com, call +44 20 7946 0958\"}]}"),
        Arguments.of("gemini",
            "{\"systemInstruction\":{\"parts\":[{\"text\":\"Escalate to ops@corp.example.\"}]},"
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"I am ann@example.com, call +44 20 7946 0958\"}]}]}"),
        Arguments.of("cohere v1",
            "{\"model\":\"command-r\",\"preamble\":\"Escalate to ops@corp.example.\","
                + "\"message\":\"I am ann@example.com, call +44 20 7946 0958\"}"),
        Arguments.of("cohere v2",
            "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"system\",\"content\":\"Escalate to ops@corp.example.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"I am ann@example.com, call +44 20 7946 0958\"}]}]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void maskedBodyCarriesPlaceholdersThatRestoreToTheOriginal(String format, String body) throws Exception {
    FakeScanner scanner = new FakeScanner(request -> piiScan(request, true));

    InterceptDecision.Proceed proceed = masked(scanner, body);

    String forwarded = new String(proceed.body(), UTF_8);
    assertThat(proceed.bodyRewritten()).isTrue();
    assertThat(forwarded).doesNotContain("ann@example.com", "ops@corp.example", "7946");
    JSON.readTree(forwarded);
    Map<String, String> vault = proceed.answer().placeholders();
    assertThat(vault.values()).containsExactlyInAnyOrder("ops@corp.example", "ann@example.com", "+44 20 7946 0958");
    assertThat(vault.keySet()).allMatch(k -> PLACEHOLDER.matcher(k).matches());
    // numbered per type in order of first appearance
    assertThat(keyOf(vault, "ops@corp.example")).startsWith("[EMAIL_1_");
    assertThat(keyOf(vault, "ann@example.com")).startsWith("[EMAIL_2_");
    assertThat(keyOf(vault, "+44 20 7946 0958")).startsWith("[PHONE_NUMBER_1_");
    // one tag per request
    assertThat(vault.keySet().stream().map(k -> k.substring(k.length() - 5)).distinct()).hasSize(1);
    // an answer that repeats the forwarded text restores it byte for byte
    PlaceholderCheck restore = new PlaceholderCheck(vault);
    assertThat(OutputChecks.redact(forwarded, restore.find(forwarded))).isEqualTo(body);
    // the scanner was asked for strip: neither the engine nor the API knows mask
    assertThat(scanner.seen.get(0).options().piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(proceed.responseHeaders()).containsEntry(LockLLMHeaders.PII_ACTION, "mask");
  }

  @Test
  void theSameValueGetsTheSamePlaceholderWhereverItIs() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"ann@example.com and bob@example.com\"},"
        + "{\"role\":\"user\",\"content\":\"again: ann@example.com\"}]}";

    InterceptDecision.Proceed proceed = masked(new FakeScanner(request -> piiScan(request, true)), body);

    Map<String, String> vault = proceed.answer().placeholders();
    assertThat(vault).hasSize(2);
    String ann = keyOf(vault, "ann@example.com");
    String bob = keyOf(vault, "bob@example.com");
    assertThat(ann).startsWith("[EMAIL_1_");
    assertThat(bob).startsWith("[EMAIL_2_");
    assertThat(new String(proceed.body(), UTF_8)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\""
        + ann + " and " + bob + "\"},{\"role\":\"user\",\"content\":\"again: " + ann + "\"}]}");
  }

  @Test
  void eachRequestGetsItsOwnTag() {
    FakeScanner scanner = new FakeScanner(request -> piiScan(request, true));
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"ann@example.com\"}]}";

    Set<String> placeholders = new LinkedHashSet<>();
    for (int i = 0; i < 20; i++) {
      placeholders.addAll(masked(scanner, body).answer().placeholders().keySet());
    }

    assertThat(placeholders.size()).isGreaterThan(15);
  }

  @Test
  void withoutSpansMaskFallsBackToTheScannersStripRedaction() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"I am ann@example.com\"}]}";

    InterceptDecision.Proceed proceed = masked(new FakeScanner(request -> piiScan(request, false)), body);

    assertThat(new String(proceed.body(), UTF_8)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"I am [Email]\"}]}");
    assertThat(proceed.answer().placeholders()).isEmpty();
    assertThat(proceed.responseHeaders()).containsEntry("X-LockLLM-PII-Detected", "true");
  }

  @Test
  void withoutSpansNorRedactionMaskRefusesLikeStrip() {
    FakeScanner scanner = new FakeScanner(request -> ScanResponse.builder().safe(true).label(0)
        .piiResult(new PiiResult(true, List.of("Email"), 1, "[Email]")).build());

    InterceptDecision decision = LockLLMInterceptor.builder(scanner).options(MASK).build()
        .intercept(post("/chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"ann@example.com\"}]}"));

    assertThat(((InterceptDecision.Reject) decision).response().status()).isEqualTo(503);
  }

  @Test
  void aCompressedPromptIsStrippedNotMasked() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"I   am   ann@example.com\"}]}";
    FakeScanner scanner = new FakeScanner(request -> {
      ScanResponse pii = piiScan(request, true);
      if (request.options().compression() == null) {
        return pii;
      }
      List<String> compressed = pii.piiResult().redactedSegments().stream().map(t -> t.replaceAll(" +", " ")).toList();
      return pii.toBuilder().compressionResult(new CompressionResult("toon", String.join(ScanRequest.SEPARATOR, compressed),
          24, 12, 0.5, compressed)).build();
    });
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().piiAction(PiiAction.MASK).compression(CompressionMethod.TOON).build())
        .build();

    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) interceptor.intercept(post("/chat", body));

    assertThat(new String(proceed.body(), UTF_8)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"I am [Email]\"}]}");
    assertThat(proceed.answer().placeholders()).isEmpty();
  }

  @Test
  void aPlantedPlaceholderIsNeverOneOfTheRequest() {
    String body = "{\"messages\":[{\"role\":\"system\",\"content\":\"Owner: ann@example.com\"},"
        + "{\"role\":\"user\",\"content\":\"Translate verbatim: [EMAIL_1] [EMAIL_1_aaaa] [Email]\"}]}";

    for (int i = 0; i < 50; i++) {
      InterceptDecision.Proceed proceed = masked(new FakeScanner(request -> piiScan(request, true)), body);

      Map<String, String> vault = proceed.answer().placeholders();
      assertThat(vault).hasSize(1).containsValue("ann@example.com");
      String answer = "Sure: [EMAIL_1] [EMAIL_1_aaaa] [Email] [EMAIL_1_] EMAIL_1";
      assertThat(new PlaceholderCheck(vault).find(answer)).isEmpty();
    }
  }

  @Test
  void theTagAvoidsEveryEndingThePromptHolds() {
    ScanRequest request = ScanRequest.of(List.of(PromptSegment.of("mail ann@example.com, not [EMAIL_1_aaaa] or x_bbbb]")),
        ScanOptions.empty());
    List<Finding> findings = List.of(new Finding(5, 20, "pii:Email", 100));
    Deque<String> tags = new ArrayDeque<>(List.of("aaaa", "bbbb", "cccc"));

    Masking.Masked masked = Masking.mask(request, findings, tags::pop);

    assertThat(masked.placeholders()).containsExactly(Map.entry("[EMAIL_1_cccc]", "ann@example.com"));
    assertThat(masked.texts()).containsExactly("mail [EMAIL_1_cccc], not [EMAIL_1_aaaa] or x_bbbb]");
    assertThat(Masking.mask(request, findings, () -> "aaaa")).as("no free tag: strip applies").isNull();
  }

  @Test
  void overlappingFindingsAreMaskedAsOneAndSpansAcrossSegmentsAreRefused() {
    ScanRequest request = ScanRequest.of(List.of(PromptSegment.of("id ann.lee@example.com"), PromptSegment.of("x")),
        ScanOptions.empty());
    List<Finding> overlapping = List.of(new Finding(3, 10, "pii:Username", 100), new Finding(3, 22, "pii:Email", 100));

    Masking.Masked masked = Masking.mask(request, overlapping, () -> "abcd");

    assertThat(masked.texts()).containsExactly("id [EMAIL_1_abcd]", "x");
    assertThat(Masking.mask(request, List.of(new Finding(20, 25, "pii:Email", 100)), () -> "abcd")).isNull();
  }

  @Test
  void typeNamesAreUpperCaseWords() {
    assertThat(Masking.typeName("Phone Number")).isEqualTo("PHONE_NUMBER");
    assertThat(Masking.typeName("Driver's License")).isEqualTo("DRIVERS_LICENSE");
    assertThat(Masking.typeName("Tax ID")).isEqualTo("TAX_ID");
    assertThat(Masking.typeName(" -- ")).isEqualTo("PII");
  }

  @Test
  void aClientMayAskMaskInsteadOfStripAndStripInsteadOfMaskButNotLess() {
    ScanOptions strip = ScanOptions.builder().piiAction(PiiAction.STRIP).build().resolved();
    ScanOptions mask = MASK.resolved();

    assertThat(RequestedOptions.of(strip, MASK, false).options().piiAction()).isEqualTo(PiiAction.MASK);
    assertThat(RequestedOptions.of(mask, ScanOptions.builder().piiAction(PiiAction.STRIP).build(), false)
        .options().piiAction()).isEqualTo(PiiAction.STRIP);
    RequestedOptions looser = RequestedOptions.of(mask,
        ScanOptions.builder().piiAction(PiiAction.ALLOW_WITH_WARNING).build(), false);
    assertThat(looser.options().piiAction()).isEqualTo(PiiAction.MASK);
    assertThat(looser.ignored()).containsExactly(LockLLMHeaders.PII_ACTION);
    assertThat(RequestedOptions.of(ScanOptions.builder().piiAction(PiiAction.BLOCK).build().resolved(), MASK, false)
        .options().piiAction()).isEqualTo(PiiAction.BLOCK);
  }

  @Test
  void theAnswerContextHidesItsDataAndForgetsIt() {
    InterceptDecision.Proceed proceed = masked(new FakeScanner(request -> piiScan(request, true)),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"ann@example.com\"}]}");

    assertThat(proceed.answer().toString()).doesNotContain("ann@example.com", "EMAIL");
    proceed.answer().wipe();
    assertThat(proceed.answer().placeholders()).isEmpty();
  }

  @Test
  void maskIsAWireName() throws Exception {
    assertThat(PiiAction.fromWire("mask")).isEqualTo(PiiAction.MASK);
    assertThat(PiiAction.MASK.forScanner()).isEqualTo(PiiAction.STRIP);
    assertThat(PiiAction.BLOCK.forScanner()).isEqualTo(PiiAction.BLOCK);
    JsonNode options = JSON.valueToTree(Map.of("pii_action", PiiAction.MASK));
    assertThat(options.get("pii_action").asText()).isEqualTo("mask");
  }

  static String keyOf(Map<String, String> vault, String value) {
    return vault.entrySet().stream().filter(e -> e.getValue().equals(value)).findFirst().orElseThrow().getKey();
  }
}
