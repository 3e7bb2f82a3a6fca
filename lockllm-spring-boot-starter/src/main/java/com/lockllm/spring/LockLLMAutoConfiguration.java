package com.lockllm.spring;

import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.ScanCache;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.ClientKeyResolver;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.Scanner;
import com.lockllm.servlet.LockLLMFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Scans LLM prompts in the request bodies of a Spring MVC application: a {@link Scanner}, a {@link
 * LockLLMInterceptor} from the {@code lockllm.*} properties, a filter for {@code
 * lockllm.protected-paths}, one for {@link LockLLMProtected} endpoints, and a {@code ScanResponse}
 * controller argument. Every bean backs off when the application defines its own. A {@link
 * ClientKeyResolver} bean, when there is one, tells abuse detection who sent a request before the
 * {@code lockllm.client-key.*} settings do.
 */
@AutoConfiguration(afterName = {
    // where the MeterRegistry comes from: Boot 3, then Boot 4 (names of the other line are ignored)
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@ConditionalOnClass({Filter.class, DispatcherServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "lockllm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockLLMProperties.class)
@Import({Boot3Configurations.HealthConfiguration.class, Boot3Configurations.TomcatErrorsConfiguration.class,
    Boot4Configurations.HealthConfiguration.class, Boot4Configurations.TomcatErrorsConfiguration.class})
public class LockLLMAutoConfiguration {
  /**
   * Default order of the LockLLM filters, {@code lockllm.filter-order}: -90, just after Spring
   * Security's filter chain (-100: Boot 3's {@code SecurityProperties.DEFAULT_FILTER_ORDER}, Boot 4's
   * {@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}), so a request Security refuses is never
   * scanned and {@code getUserPrincipal()} names the authenticated user when abuse is counted. A
   * compile-time constant: neither Spring Security nor that Boot 3 class need be on the class path.
   */
  public static final int DEFAULT_FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;
  /** Default order of the annotation filter: {@link #DEFAULT_FILTER_ORDER}. */
  public static final int ANNOTATION_FILTER_ORDER = DEFAULT_FILTER_ORDER;
  /** Default order of the path filter, just after the annotation filter, so an endpoint's own options win. */
  public static final int PATH_FILTER_ORDER = ANNOTATION_FILTER_ORDER + 1;

  @Bean
  @ConditionalOnMissingBean
  LockLLMSettings lockLLMSettings(LockLLMProperties properties, ObjectProvider<LockLLMCustomizer> customizers) {
    LockLLMSettings.Builder settings = properties.toSettings();
    customizers.orderedStream().forEach(c -> c.customize(settings));
    return settings.build();
  }

  @Bean
  @ConditionalOnMissingBean
  Scanner lockLLMScanner(LockLLMSettings settings, ObjectProvider<LockLLMMetrics> metrics) {
    LockLLMMetrics meters = metrics.getIfAvailable();
    return settings.assembly().listener(meters == null ? ClientListener.NONE : meters).scanner();
  }

  @Bean
  @ConditionalOnMissingBean
  LockLLMInterceptor lockLLMInterceptor(LockLLMSettings settings, Scanner scanner,
      ObjectProvider<LockLLMMetrics> metrics, ObjectProvider<ScanCache> cache, ObjectProvider<CounterStore> counters,
      ObjectProvider<HeaderTrust> trust, ObjectProvider<ClientKeyResolver> clientKeys) {
    LockLLMSettings.Assembly assembly = settings.assembly()
        .scanner(scanner)
        .cache(cache.getIfAvailable())
        .counters(counters.getIfAvailable())
        .headerTrust(trust.getIfAvailable(() -> HeaderTrust.NONE))
        .clientKeys(clientKeys.getIfAvailable());
    LockLLMMetrics meters = metrics.getIfAvailable();
    if (meters != null) {
      assembly.wrap(meters::instrument).decisions(meters);
    }
    return assembly.build();
  }

  @Bean
  @ConditionalOnMissingBean(name = "lockLLMFilter")
  @Conditional(OnProtectedPaths.class)
  FilterRegistrationBean<LockLLMFilter> lockLLMFilter(LockLLMInterceptor interceptor, LockLLMProperties properties,
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver) {
    return registration(LockLLMFilter.create(r -> interceptor, rejections(properties, resolver)),
        properties.getFilterOrder() + 1);
  }

  @Bean
  @ConditionalOnMissingBean(name = "lockLLMAnnotationFilter")
  FilterRegistrationBean<LockLLMFilter> lockLLMAnnotationFilter(LockLLMInterceptor interceptor,
      LockLLMSettings settings, LockLLMProperties properties, ObjectProvider<RequestMappingHandlerMapping> mappings,
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver) {
    return registration(LockLLMFilter.create(new AnnotatedEndpoints(interceptor, settings.protectedMethods(), mappings),
        rejections(properties, resolver)), properties.getFilterOrder());
  }

  @Bean
  @ConditionalOnMissingBean(name = "lockLLMScanResponseArgument")
  WebMvcConfigurer lockLLMScanResponseArgument() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ScanResponseArgumentResolver());
      }
    };
  }

  /** Matches when {@code lockllm.protected-paths} binds to a non-empty list (comma-separated or indexed). */
  static class OnProtectedPaths extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      boolean set = Binder.get(context.getEnvironment())
          .bind("lockllm.protected-paths", Bindable.listOf(String.class))
          .map(paths -> paths.stream().anyMatch(p -> !p.isBlank()))
          .orElse(false);
      return set ? ConditionOutcome.match("lockllm.protected-paths is set")
          : ConditionOutcome.noMatch("lockllm.protected-paths is empty");
    }
  }

  /**
   * The {@code lockllm.*} meters and an observation per scan (a span, with Micrometer Tracing), when
   * Micrometer is present and the application has a registry.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    LockLLMMetrics lockLLMMetrics(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
      return LockLLMMetrics.builder(registry).observations(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
          .build();
    }
  }

  private static LockLLMFilter.RejectionWriter rejections(LockLLMProperties properties,
      ObjectProvider<HandlerExceptionResolver> resolver) {
    HandlerExceptionResolver spring = properties.getSpring().isExceptions() ? resolver.getIfAvailable() : null;
    return spring == null ? LockLLMFilter::write : new SpringRejections(spring);
  }

  private static FilterRegistrationBean<LockLLMFilter> registration(LockLLMFilter filter, int order) {
    FilterRegistrationBean<LockLLMFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(order);
    // ERROR: to write a rejection Tomcat kept the filter from writing (its own 408 on a read
    // timeout); ASYNC: to end a checked asynchronous answer (StreamingResponseBody, SseEmitter) when
    // its dispatch returns. Neither dispatch is scanned.
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
    return registration;
  }
}
