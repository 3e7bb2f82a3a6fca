package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.CachingScanner;
import com.lockllm.cache.CaffeineScanCache;
import com.lockllm.cache.ScanCache;
import com.lockllm.error.NetworkException;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import com.lockllm.servlet.LockLLMFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.web.servlet.DispatcherServlet;

class LockLLMAutoConfigurationTest {
  static final Scanner SCANNER = request -> ScanResponse.builder().safe(true).label(0).build();

  final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
      .withBean(Scanner.class, () -> SCANNER);

  @Test
  void configuresTheInterceptorAndTheAnnotationFilterButNoPathFilterWithoutProtectedPaths() {
    web.run(context -> assertThat(context).hasSingleBean(LockLLMInterceptor.class)
        .hasBean("lockLLMAnnotationFilter")
        .doesNotHaveBean("lockLLMFilter"));
  }

  @Test
  void registersThePathFilterForProtectedPathsWithItsOrderForRequestErrorAndAsyncDispatches() {
    web.withPropertyValues("lockllm.protected-paths=/v1/**").run(context -> {
      FilterRegistrationBean<?> registration = context.getBean("lockLLMFilter", FilterRegistrationBean.class);
      assertThat(registration.getFilter()).isInstanceOf(LockLLMFilter.class);
      assertThat(registration.getOrder()).isEqualTo(LockLLMAutoConfiguration.PATH_FILTER_ORDER);
      assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ERROR,
          DispatcherType.ASYNC);
      assertThat(context.getBean(LockLLMInterceptor.class).endpoint("/v1/chat/completions")).isNotNull();
    });
  }

  @Test
  void aHeaderTrustBeanDecidesWhoMayLoosenThePolicy() {
    Scanner attack = request -> ScanResponse.builder().safe(false).label(1).injection(99.0).build();
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
        .withPropertyValues("lockllm.scan-action=block", "lockllm.proxy-headers=true")
        .withBean(Scanner.class, () -> attack)
        .withBean(HeaderTrust.class, () -> request -> "ops".equals(request.header("X-Test-Role")))
        .run(context -> {
          LockLLMInterceptor interceptor = context.getBean(LockLLMInterceptor.class);
          assertThat(interceptor.intercept(loosening(null))).isInstanceOf(InterceptDecision.Reject.class);
          assertThat(interceptor.intercept(loosening("ops"))).isInstanceOf(InterceptDecision.Proceed.class);
        });
  }

  private static InboundRequest loosening(String role) {
    InboundRequest.Builder b = InboundRequest.builder("POST", "/v1/chat")
        .header("Content-Type", "application/json")
        .header("X-LockLLM-Scan-Action", "allow_with_warning")
        .body("{\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    if (role != null) {
      b.header("X-Test-Role", role);
    }
    return b.build();
  }

  @Test
  void filterOrderMovesBothFilters() {
    web.withPropertyValues("lockllm.protected-paths=/v1/**", "lockllm.filter-order=5").run(context -> {
      assertThat(context.getBean("lockLLMAnnotationFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(5);
      assertThat(context.getBean("lockLLMFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(6);
    });
  }

  @Test
  void installsTheJsonErrorReportOnTomcatUnlessSwitchedOff() {
    web.run(context -> assertThat(context).hasBean("lockLLMTomcatErrors"));
    web.withPropertyValues("lockllm.spring.container-errors=false")
        .run(context -> assertThat(context).doesNotHaveBean("lockLLMTomcatErrors"));
  }

  @Test
  void registersThePathFilterForAnIndexedList() {
    web.withPropertyValues("lockllm.protected-paths[0]=/v1/chat/completions")
        .run(context -> assertThat(context).hasBean("lockLLMFilter"));
  }

  @Test
  void backsOffWhenDisabled() {
    web.withPropertyValues("lockllm.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(LockLLMInterceptor.class)
        .doesNotHaveBean("lockLLMAnnotationFilter"));
  }

  @Test
  void usesTheApplicationsScanner() {
    web.run(context -> assertThat(context.getBean(LockLLMInterceptor.class).scanner()).isSameAs(SCANNER));
  }

  @Test
  void selectsTheEmbeddedEngineWithoutAScannerBeanOrKey() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
        .run(context -> assertThat(context.getBean(Scanner.class).getClass().getName()).startsWith("com.lockllm.engine."));
  }

  @Test
  void bindsPropertiesIntoTheInterceptor() {
    web.withPropertyValues(
            "lockllm.sensitivity=high",
            "lockllm.scan-action=block",
            "lockllm.pii-action=strip",
            "lockllm.max-body-size=2KB",
            "lockllm.extraction.format=pointers",
            "lockllm.extraction.pointers=/prompt,/question")
        .run(context -> {
          LockLLMInterceptor interceptor = context.getBean(LockLLMInterceptor.class);
          assertThat(interceptor.options().sensitivity()).isEqualTo(Sensitivity.HIGH);
          assertThat(interceptor.options().scanAction()).isEqualTo(ScanAction.BLOCK);
          assertThat(interceptor.options().piiAction()).isEqualTo(PiiAction.STRIP);
          assertThat(interceptor.extraction().maxBodyBytes()).isEqualTo(2048);
          assertThat(interceptor.extraction().pointers()).containsExactly("/prompt", "/question");
        });
  }

  @Test
  void aSharedScanCacheAndCounterStoreFromBeansAreUsed() {
    AtomicInteger counted = new AtomicInteger();
    CounterStore counters = (key, slot, slots, ttl) -> {
      counted.incrementAndGet();
      return new long[slots];
    };
    ScanCache cache = CaffeineScanCache.create();
    web.withBean(CounterStore.class, () -> counters)
        .withBean(ScanCache.class, () -> cache)
        .withPropertyValues("lockllm.cache.enabled=true", "lockllm.abuse-action=block")
        .run(context -> {
          LockLLMInterceptor interceptor = context.getBean(LockLLMInterceptor.class);
          assertThat(interceptor.scanner()).isInstanceOfSatisfying(CachingScanner.class,
              caching -> assertThat(caching.cache()).isSameAs(cache));
          interceptor.intercept(InboundRequest.builder("POST", "/v1/chat/completions")
              .header("Content-Type", "application/json").remoteAddress("10.0.0.1")
              .body("{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8)).build());
          assertThat(counted).hasValue(2);
        });
  }

  @Test
  void aCustomizerOverridesProperties() {
    web.withPropertyValues("lockllm.scan-action=allow_with_warning", "lockllm.sensitivity=low")
        .withBean(LockLLMCustomizer.class, () -> settings -> settings.scanAction(ScanAction.BLOCK))
        .run(context -> {
          LockLLMInterceptor interceptor = context.getBean(LockLLMInterceptor.class);
          assertThat(interceptor.options().scanAction()).isEqualTo(ScanAction.BLOCK);
          assertThat(interceptor.options().sensitivity()).isEqualTo(Sensitivity.LOW);
        });
  }

  @Test
  void aBadValueFailsStartupNamingTheOption() {
    web.withPropertyValues("lockllm.sensitivity=extreme").run(context -> {
      assertThat(context).hasFailed();
      Throwable bind = context.getStartupFailure();
      while (!(bind instanceof BindException) && bind.getCause() != null) {
        bind = bind.getCause();
      }
      assertThat(bind).as("Spring Boot's BindFailureAnalyzer reports it with the valid values")
          .isInstanceOf(BindException.class).hasMessageContaining("lockllm.sensitivity");
    });
    web.withPropertyValues("lockllm.compression-rate=0.9").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new LockLLMFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("'compression-rate'").contains("0.3").contains("0.7");
      assertThat(analysis.getAction()).contains("lockllm.*");
    });
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
        .as("registered with Spring Boot").anyMatch(LockLLMFailureAnalyzer.class::isInstance);
  }

  @Test
  void staysOutOfNonServletApplications() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
        .withBean(Scanner.class, () -> SCANNER)
        .run(context -> assertThat(context).doesNotHaveBean(LockLLMInterceptor.class));
  }

  @Test
  void staysOutWithoutSpringMvc() {
    web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
        .run(context -> assertThat(context).doesNotHaveBean(LockLLMInterceptor.class));
  }

  @Test
  void worksWithoutMicrometerOrActuator() {
    // the HealthIndicator of Boot 3, then of Boot 4: hiding a whole package would hide condition
    // classes whose annotations stay readable, which no real class path does
    Predicate<String> hidden = Set.of(MeterRegistry.class.getName(), "org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.health.contributor.HealthIndicator")::contains;
    web.withClassLoader(new FilteredClassLoader(hidden))
        .run(context -> assertThat(context).hasNotFailed()
            .hasSingleBean(LockLLMInterceptor.class)
            .doesNotHaveBean(LockLLMMetrics.class)
            .doesNotHaveBean("lockllmHealthIndicator"));
  }

  @Test
  void wrapsTheScannerForMetricsWhenThereIsAMeterRegistry() {
    web.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(LockLLMMetrics.class);
      assertThat(context.getBean(LockLLMInterceptor.class).scanner()).isNotSameAs(SCANNER);
    });
  }

  @Test
  void countsTheRemoteClientsCallsRetriesAndCircuitBreakerInMeters() throws IOException {
    int refused;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = socket.getLocalPort();
    }
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "lockllm.scanner=remote",
            "lockllm.api-key=sk-meters-test-0123456789",
            "lockllm.base-url=http://127.0.0.1:" + refused,
            "lockllm.timeout=2s",
            "lockllm.max-retries=1",
            "lockllm.total-timeout=5s",
            "lockllm.circuit-breaker-failures=2",
            "lockllm.circuit-breaker-open-for=1h")
        .run(context -> {
          Scanner scanner = context.getBean(Scanner.class);
          ScanRequest request = ScanRequest.of("hello", ScanOptions.empty());
          for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> scanner.scan(request)).isInstanceOf(NetworkException.class);
          }
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          assertThat(meters.get("lockllm.client.calls").tag("outcome", "network_error").timer().count()).isEqualTo(2);
          assertThat(meters.get("lockllm.client.calls").tag("outcome", "circuit_open").timer().count()).isEqualTo(1);
          assertThat(meters.get("lockllm.client.retries").tag("cause", "network_error").counter().count()).isEqualTo(2);
          assertThat(meters.get("lockllm.client.circuit.transitions").tag("state", "open").counter().count()).isEqualTo(1);
          assertThat(meters.get("lockllm.client.circuit.state").tag("state", "open").gauge().value()).isEqualTo(1);
          assertThat(meters.get("lockllm.client.circuit.state").tag("state", "closed").gauge().value()).isZero();
        });
  }

  @Test
  void registersTheHealthIndicatorUnlessSwitchedOff() {
    web.run(context -> assertThat(context).hasBean("lockllmHealthIndicator"));
    web.withPropertyValues("management.health.lockllm.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("lockllmHealthIndicator"));
  }

  @Test
  void everyListedAutoConfigurationLoads() throws Exception {
    List<String> names;
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
      names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
    assertThat(names).containsExactly(LockLLMAutoConfiguration.class.getName(),
        LockLLMRedisAutoConfiguration.class.getName());
    for (String name : names) {
      // Class.forName throws rather than return null: what loads must also be an auto-configuration
      assertThat(Class.forName(name)).hasAnnotation(AutoConfiguration.class);
    }
  }

  @Test
  void generatesPropertyMetadataForTheIde() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"lockllm.sensitivity\"", "\"lockllm.extraction.pointers\"",
          "\"lockllm.scan-timeout\"", "\"lockllm.spring.exceptions\"", "\"lockllm.routing.models.low\"",
          "\"lockllm.policies\"", "\"lockllm.output.enabled\"", "\"lockllm.output.patterns\"",
          "\"lockllm.output.allowlist\"", "\"lockllm.canary.position\"");
    }
  }
}
