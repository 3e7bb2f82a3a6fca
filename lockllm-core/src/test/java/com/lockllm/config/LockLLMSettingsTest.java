package com.lockllm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.CachingScanner;
import com.lockllm.config.TestRemoteScannerProvider.Remote;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.remote.ClientListener;
import com.lockllm.remote.RemoteSettings;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.EngineSettings;
import com.lockllm.scan.EngineTier;
import com.lockllm.scan.ModelRouting;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockLLMSettingsTest {
  static final Scanner NOOP = (ScanRequest r) -> ScanResponse.builder().build();

  @Test
  void readsEveryOptionWithOrWithoutThePrefix() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.ofEntries(
        Map.entry("lockllm.sensitivity", "high"),
        Map.entry("scan-mode", "normal"),
        Map.entry("scan-action", "block"),
        Map.entry("policy-action", "block"),
        Map.entry("abuse-action", "allow_with_warning"),
        Map.entry("pii-action", "strip"),
        Map.entry("compression", "toon"),
        Map.entry("compression-rate", "0.4"),
        Map.entry("chunk", "true"),
        Map.entry("route-action", "auto"),
        Map.entry("fail-mode", "open"),
        Map.entry("scan-timeout", "250ms"),
        Map.entry("max-body-size", "2MB"),
        Map.entry("max-depth", "32"),
        Map.entry("extraction.format", "openai_chat"),
        Map.entry("extraction.pointers", "/a, /b/0"),
        Map.entry("extraction.roles", "user,system"),
        Map.entry("protected-paths", "/v1/**, /chat"),
        Map.entry("protected-methods", "post")));

    assertThat(settings.scanOptions().sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(settings.scanOptions().scanAction()).isEqualTo(ScanAction.BLOCK);
    assertThat(settings.scanOptions().piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(settings.scanOptions().compressionRate()).isEqualTo(0.4);
    assertThat(settings.scanOptions().chunk()).isTrue();
    assertThat(settings.failMode()).isEqualTo(FailMode.OPEN);
    assertThat(settings.scanTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.extraction().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(settings.extraction().maxDepth()).isEqualTo(32);
    assertThat(settings.extraction().format()).isEqualTo(PromptFormat.OPENAI_CHAT);
    assertThat(settings.extraction().pointers()).containsExactly("/a", "/b/0");
    assertThat(settings.extraction().roles()).containsExactlyInAnyOrder("user", "system");
    assertThat(settings.protectedPaths()).containsExactly("/v1/**", "/chat");
    assertThat(settings.protectedMethods()).containsExactly("post");

    LockLLMInterceptor interceptor = settings.interceptor(NOOP);
    assertThat(interceptor.endpoint("/v1/chat/completions")).isNotNull();
    assertThat(interceptor.endpoint("/other")).isNull();
    assertThat(interceptor.failMode()).isEqualTo(FailMode.OPEN);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("sensitivity", " "));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.failMode()).isEqualTo(FailMode.CLOSED);
    assertThat(settings.scanOptions().sensitivity()).isNull();
    assertThat(settings.scanTimeout()).isEqualTo(LockLLMInterceptor.DEFAULT_SCAN_TIMEOUT);
    assertThat(settings.extraction().maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(settings.extraction().roles()).as("everything the model reads")
        .containsExactlyInAnyOrder("user", "system", "assistant", "tool", "tool_definition", "document");
    assertThat(settings.interceptor(NOOP).endpoint("/anything")).isNotNull();
  }

  @Test
  void rolesTakeTheScanScopeNamesAndRefuseUnknownOnes() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("extraction.roles", "user, Tool-Definition,document"));

    assertThat(settings.extraction().roles()).containsExactlyInAnyOrder("user", "tool_definition", "document");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("extraction.roles", "user,tools")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("extraction.roles").hasMessageContaining("tools");
  }

  @Test
  void badNamesAndValuesNameTheOption() {
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("scan-actoin", "block")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("scan-actoin").hasMessageContaining("scan-action");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("sensitivity", "extreme")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'sensitivity'").hasMessageContaining("extreme");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("compression-rate", "0.9")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("compression-rate");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("max-body-size", "lots")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("max-body-size");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("extraction.format", "pointers")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("pointer");
  }

  @Test
  void scannerSelectionExplicitThenKeyThenEmbedded() {
    LockLLMSettings auto = LockLLMSettings.fromMap(Map.of());
    assertThat(auto.scanner(NOOP, Map.of("LOCKLLM_API_KEY", "k_123"))).isSameAs(NOOP);
    // The ServiceLoader providers: test ones in this module, lockllm-client's and the engine in an application.
    assertThat(auto.scanner(null, Map.of("LOCKLLM_API_KEY", "k_123"))).isInstanceOf(Remote.class);
    assertThat(LockLLMSettings.fromMap(Map.of("api-key", "k_456")).scanner(null, Map.of()))
        .isInstanceOf(Remote.class);
    assertThat(auto.scanner(null, Map.of())).isNotInstanceOf(Remote.class);
    assertThat(LockLLMSettings.fromMap(Map.of("scanner", "embedded")).scanner(null, Map.of("LOCKLLM_API_KEY", "k")))
        .isNotInstanceOf(Remote.class);
    assertThat(((Remote) LockLLMSettings.fromMap(Map.of("scanner", "remote")).scanner(null, Map.of())).settings().apiKey())
        .as("no key: the client refuses to start").isNull();
  }

  @Test
  void theApiOptionsReachTheRemoteScannerTyped() {
    ClientListener listener = new ClientListener() {};
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of("api-key", "k_1", "timeout", "5s", "max-retries", "1",
        "total-timeout", "8s", "circuit-breaker-failures", "0", "circuit-breaker-open-for", "1m"));

    assertThat(((Remote) settings.scanner(null, Map.of("LOCKLLM_BASE_URL", "http://env:1"), listener)).settings())
        .isEqualTo(new RemoteSettings("k_1", "http://env:1", Duration.ofSeconds(5), 1, Duration.ofSeconds(8), 0,
            Duration.ofMinutes(1), listener));
    assertThat(((Remote) LockLLMSettings.fromMap(Map.of("base-url", "http://set:2")).scanner(null,
            Map.of("LOCKLLM_API_KEY", "k_env", "LOCKLLM_BASE_URL", "http://env:1"))).settings())
        .as("options before the environment; unset options are null")
        .isEqualTo(new RemoteSettings("k_env", "http://set:2", null, null, null, null, null, ClientListener.NONE));
    assertThat(((Remote) LockLLMSettings.fromMap(Map.of("api-key", "k")).scanner(null,
            Map.of("LOCKLLM_BASE_URL", " "))).settings().baseUrl()).as("a blank variable is unset").isNull();
  }

  @Test
  void durationsAndSizesAcceptTheUsualForms() {
    assertThat(LockLLMSettings.parseDuration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThat(LockLLMSettings.parseDuration("3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(LockLLMSettings.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(LockLLMSettings.parseDuration("750")).isEqualTo(Duration.ofMillis(750));
    assertThat(LockLLMSettings.parseSize("512KB")).isEqualTo(512 * 1024);
    assertThat(LockLLMSettings.parseSize("1MiB")).isEqualTo(1024 * 1024);
    assertThat(LockLLMSettings.parseSize("100")).isEqualTo(100);
    assertThat(LockLLMSettings.list(" a, ,b ")).isEqualTo(List.of("a", "b"));
  }

  static InterceptDecision post(LockLLMInterceptor interceptor, String address, String apiKey) {
    InboundRequest.Builder b = InboundRequest.builder("POST", "/v1/chat/completions")
        .header("Content-Type", "application/json")
        .remoteAddress(address)
        .body("{\"prompt\":\"hello\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (apiKey != null) {
      b.header("X-Api-Key", apiKey);
    }
    return interceptor.intercept(b.build());
  }

  @Test
  void abuseLimitsAndTheClientKeyComeFromSettings() {
    LockLLMSettings settings = LockLLMSettings.fromMap(Map.of(
        "abuse-action", "block", "abuse.duplicate-prompts", "2", "abuse.window", "30s",
        "client-key.header", "X-Api-Key", "client-key.trusted-proxies", "10.0.0.0/8"));
    LockLLMInterceptor interceptor = settings.interceptor(NOOP);
    assertThat(post(interceptor, "203.0.113.1", "k1")).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(post(interceptor, "203.0.113.2", "k1")).as("same key, other address")
        .isInstanceOf(InterceptDecision.Reject.class);
    assertThat(post(interceptor, "203.0.113.3", null)).isInstanceOf(InterceptDecision.Proceed.class);

    AtomicInteger counted = new AtomicInteger();
    CounterStore shared = (key, slot, slots, ttl) -> {
      counted.incrementAndGet();
      assertThat(slots).isEqualTo(10);
      assertThat(ttl).isEqualTo(Duration.ofSeconds(33));
      return new long[slots];
    };
    post(settings.interceptor(NOOP, shared), "203.0.113.1", "k2");
    assertThat(counted).as("a given store is used").hasValue(2);

    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("abuse.window", "1500ms")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("abuse");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("client-key.trusted-proxies", "proxy.local")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("client-key.trusted-proxies");
  }

  @Test
  void theCacheWrapsTheSelectedScanner() {
    AtomicInteger scans = new AtomicInteger();
    Scanner counting = r -> {
      scans.incrementAndGet();
      return ScanResponse.builder().safe(true).label(0).build();
    };
    LockLLMSettings cached = LockLLMSettings.fromMap(Map.of("cache.enabled", "true", "cache.ttl", "1m"));
    Scanner scanner = cached.cached(counting, null);
    assertThat(scanner).isInstanceOf(CachingScanner.class);
    scanner.scan(ScanRequest.of("same", ScanOptions.empty()));
    scanner.scan(ScanRequest.of("same", ScanOptions.empty()));
    assertThat(scans).hasValue(1);
    assertThat(LockLLMSettings.fromMap(Map.of()).cached(counting, null)).isSameAs(counting);
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("cache.max-entries", "0")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cache");
  }

  @Test
  void policiesGoToTheEmbeddedEngineOnly() {
    Map<String, String> withPolicy = Map.of(
        "lockllm.policies.p.categories.c.phrases", "forbidden thing", "scanner", "embedded");
    LockLLMSettings settings = LockLLMSettings.fromMap(withPolicy);
    assertThatThrownBy(() -> settings.scanner(NOOP, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("EmbeddedScanner.builder().policies");
    LockLLMSettings remote = LockLLMSettings.fromMap(Map.of(
        "policies.p.categories.c.phrases", "x", "scanner", "remote", "api-key", "k"));
    assertThatThrownBy(() -> remote.scanner(null, Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("dashboard");
  }

  @Test
  void theTypedBuilderAndTheStringReaderMakeTheSameSettings() {
    LockLLMSettings typed = LockLLMSettings.builder()
        .scanOptions(ScanOptions.builder().sensitivity(Sensitivity.HIGH).scanAction(ScanAction.BLOCK).build())
        .failMode(FailMode.OPEN)
        .scanTimeout(Duration.ofMillis(250))
        .protectedPaths(List.of("/v1/**"))
        .protectedMethods(java.util.Set.of("POST"))
        .engineTier(EngineTier.LEXICAL)
        .policySimilarity(0.6)
        .policies(List.of(new CustomPolicy("p", null,
            List.of(new CustomPolicy.Category("c", null, List.of("forbidden thing"), List.of(), List.of())))))
        .routing(new ModelRouting("small", null, null, List.of(new ModelRouting.Rule("code", "Code Generation", "*", "big"))))
        .build();
    Map<String, String> options = new java.util.HashMap<>(Map.of(
        "sensitivity", "high", "scan-action", "block", "fail-mode", "open", "scan-timeout", "250ms",
        "protected-paths", "/v1/**", "protected-methods", "POST", "engine-tier", "lexical",
        "policy-similarity", "0.6", "policies.p.categories.c.phrases", "forbidden thing"));
    options.putAll(Map.of("routing.models.low", "small", "routing.rules.code.task-type", "Code Generation",
        "routing.rules.code.model", "big"));
    LockLLMSettings read = LockLLMSettings.fromMap(options);

    assertThat(typed).isEqualTo(read).hasSameHashCodeAs(read);
    assertThat(typed.toBuilder().proxyHeaders(true).build()).isNotEqualTo(read);
    assertThat(typed.engineSettings()).isEqualTo(new EngineSettings(EngineTier.LEXICAL, typed.policies(), 0.6,
        typed.routing()));
  }

  @Test
  void routesWithOptionsOfTheirOwnComeFirstAndEveryOtherPathStaysProtected() {
    ProtectedRoute embeddings = ProtectedRoute.builder("/v1/embeddings")
        .options(ScanOptions.builder().sensitivity(Sensitivity.LOW).build()).build();
    LockLLMSettings settings = LockLLMSettings.builder().sensitivity(Sensitivity.HIGH)
        .routes(List.of(embeddings)).build();
    List<ScanRequest> scanned = new java.util.ArrayList<>();
    LockLLMInterceptor interceptor = settings.interceptor(request -> {
      scanned.add(request);
      return ScanResponse.builder().build();
    });

    assertThat(interceptor.endpoint("/v1/embeddings").route()).isEqualTo(embeddings);
    assertThat(interceptor.endpoint("/v1/chat/completions").route().patterns()).containsExactly("/**");
    interceptor.intercept(chat("/v1/embeddings"));
    interceptor.intercept(chat("/v1/chat/completions"));
    assertThat(scanned).extracting(r -> r.options().sensitivity()).containsExactly(Sensitivity.LOW, Sensitivity.HIGH);
    assertThat(settings.toBuilder().build()).isEqualTo(settings).isNotEqualTo(LockLLMSettings.builder()
        .sensitivity(Sensitivity.HIGH).build());
  }

  private static InboundRequest chat(String path) {
    return InboundRequest.builder("POST", path).header("Content-Type", "application/json")
        .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void toBuilderChangesOneOptionAndKeepsTheRest() {
    LockLLMSettings base = LockLLMSettings.fromMap(Map.of(
        "fail-mode", "open", "cache.enabled", "true", "client-key.header", "X-Api-Key",
        "engine-tier", "rules", "max-depth", "32"));
    LockLLMSettings changed = base.toBuilder().failMode(FailMode.CLOSED).build();

    assertThat(changed.failMode()).isEqualTo(FailMode.CLOSED);
    assertThat(base.failMode()).as("the original is immutable").isEqualTo(FailMode.OPEN);
    assertThat(changed.cacheEnabled()).isTrue();
    assertThat(changed.engineTier()).isEqualTo(EngineTier.RULES);
    assertThat(changed.extraction().maxDepth()).isEqualTo(32);
    assertThat(post(changed.interceptor(NOOP), "203.0.113.9", "k9")).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(base.toBuilder().build()).isEqualTo(base);
    assertThat(LockLLMSettings.fromMap(Map.of("api-key", "k_secret")).toString()).doesNotContain("k_secret").contains("(set)");
  }

  @Test
  void typedSettersRefuseBadValuesNamingTheOption() {
    assertThatThrownBy(() -> LockLLMSettings.builder().abuseWindow(Duration.ofMillis(1500)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'abuse.window'");
    assertThatThrownBy(() -> LockLLMSettings.builder().trustedProxies(List.of("proxy.local")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'client-key.trusted-proxies'");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("routing-models.low", "m")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("routing-models.low");
    assertThatThrownBy(() -> LockLLMSettings.builder().cacheMaxEntries(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cache");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("engine-tier", "huge")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'engine-tier'")
        .hasMessageContaining("[transformer, lexical, rules]");
    assertThatThrownBy(() -> LockLLMSettings.fromMap(Map.of("scanner", "cloud")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("[auto, embedded, remote]");
  }

  @Test
  void remoteWhenAKeyIsSetUnlessTheScannerIsPinned() {
    assertThat(LockLLMSettings.fromMap(Map.of()).remote(Map.of())).isFalse();
    assertThat(LockLLMSettings.fromMap(Map.of()).remote(Map.of("LOCKLLM_API_KEY", " "))).isFalse();
    assertThat(LockLLMSettings.fromMap(Map.of()).remote(Map.of("LOCKLLM_API_KEY", "k"))).isTrue();
    assertThat(LockLLMSettings.fromMap(Map.of("api-key", "k")).remote(Map.of())).isTrue();
    assertThat(LockLLMSettings.fromMap(Map.of("api-key", "k", "scanner", "embedded")).remote(Map.of("LOCKLLM_API_KEY", "k")))
        .isFalse();
    assertThat(LockLLMSettings.fromMap(Map.of("scanner", "REMOTE")).remote(Map.of())).isTrue();
    assertThat(LockLLMSettings.builder().apiKey("k").remote(Map.of())).as("the builder decides alike").isTrue();
  }

  @Test
  void theAssemblyBuildsTheInterceptorFromItsParts() {
    AtomicInteger scans = new AtomicInteger();
    AtomicInteger wrapped = new AtomicInteger();
    Scanner counting = r -> {
      scans.incrementAndGet();
      return ScanResponse.builder().safe(true).label(0).build();
    };
    LockLLMInterceptor cached = LockLLMSettings.fromMap(Map.of("cache.enabled", "true")).assembly()
        .scanner(counting)
        .wrap(inner -> r -> {
          wrapped.incrementAndGet();
          return inner.scan(r);
        })
        .build();
    post(cached, "203.0.113.1", null);
    post(cached, "203.0.113.1", null);
    assertThat(wrapped).as("the wrapper sees every scan").hasValue(2);
    assertThat(scans).as("behind it, the cache answers the repeated prompt").hasValue(1);

    AtomicInteger counted = new AtomicInteger();
    CounterStore shared = (key, slot, slots, ttl) -> {
      counted.incrementAndGet();
      return new long[slots];
    };
    LockLLMSettings abuseSettings = LockLLMSettings.fromMap(Map.of(
        "abuse-action", "block", "abuse.duplicate-prompts", "2", "client-key.header", "X-Api-Key"));
    LockLLMInterceptor abuse = abuseSettings.assembly().scanner(NOOP).clientKeys(request -> "tenant-a").build();
    assertThat(post(abuse, "203.0.113.1", "k1")).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(post(abuse, "203.0.113.2", "k2")).as("the application's key is asked first: same tenant")
        .isInstanceOf(InterceptDecision.Reject.class);
    post(abuseSettings.assembly().scanner(NOOP).counters(shared).build(), "203.0.113.3", "k3");
    assertThat(counted.get()).as("the given counter store").isPositive();

    assertThat(LockLLMSettings.fromMap(Map.of("scanner", "embedded")).assembly().env(Map.of("LOCKLLM_API_KEY", "k")).scanner())
        .isNotInstanceOf(Remote.class);
    ClientListener listener = new ClientListener() {};
    assertThat(LockLLMSettings.fromMap(Map.of()).assembly().env(Map.of("LOCKLLM_API_KEY", "k")).listener(listener).scanner())
        .isInstanceOfSatisfying(Remote.class, remote -> assertThat(remote.settings().listener()).isSameAs(listener));
  }
}
