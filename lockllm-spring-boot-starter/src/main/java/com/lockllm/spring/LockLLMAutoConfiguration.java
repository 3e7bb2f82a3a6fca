package com.lockllm.spring;

import com.lockllm.abuse.ClientKeyResolver;
import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.ScanCache;
import com.lockllm.client.ClientListener;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.Scanner;
import com.lockllm.servlet.LockLLMFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnClass({Filter.class, DispatcherServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "lockllm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockLLMProperties.class)
public class LockLLMAutoConfiguration {
  /** Order of the annotation filter: early, but after Spring Security's chain (-100) so it sees authenticated requests. */
  public static final int ANNOTATION_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;
  /** Order of the path filter, just after the annotation filter, so an endpoint's own options win. */
  public static final int PATH_FILTER_ORDER = ANNOTATION_FILTER_ORDER + 1;

  @Bean
  @ConditionalOnMissingBean
  LockLLMSettings lockLLMSettings(LockLLMProperties properties, ObjectProvider<LockLLMCustomizer> customizers) {
    Map<String, String> settings = properties.toSettings();
    customizers.orderedStream().forEach(c -> c.customize(settings));
    return LockLLMSettings.fromMap(settings);
  }

  @Bean
  @ConditionalOnMissingBean
  Scanner lockLLMScanner(LockLLMSettings settings, ObjectProvider<ScanMetrics> metrics) {
    ScanMetrics meters = metrics.getIfAvailable();
    return settings.scanner(null, System.getenv(), meters == null ? ClientListener.NONE : meters);
  }

  @Bean
  @ConditionalOnMissingBean
  LockLLMInterceptor lockLLMInterceptor(LockLLMSettings settings, Scanner scanner, ObjectProvider<ScanMetrics> metrics,
      ObjectProvider<ScanCache> cache, ObjectProvider<CounterStore> counters, ObjectProvider<HeaderTrust> trust,
      ObjectProvider<ClientKeyResolver> clientKeys) {
    ScanMetrics meters = metrics.getIfAvailable();
    Scanner cached = settings.cached(scanner, cache.getIfAvailable());
    LockLLMInterceptor.Builder builder =
        settings.interceptorBuilder(meters == null ? cached : meters.wrap(cached), counters.getIfAvailable())
            .headerTrust(trust.getIfAvailable(() -> HeaderTrust.NONE));
    // The application's resolver is asked first; where it cannot tell, the lockllm.client-key.* settings decide.
    clientKeys.ifAvailable(resolver -> builder.clientKeyResolver(resolver.orElse(settings.clientKeyResolver())));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean(name = "lockLLMFilter")
  @Conditional(OnProtectedPaths.class)
  FilterRegistrationBean<LockLLMFilter> lockLLMFilter(LockLLMInterceptor interceptor, LockLLMProperties properties,
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver,
      ObjectProvider<ScanMetrics> metrics) {
    return registration(LockLLMFilter.create(r -> interceptor, rejections(properties, resolver), observer(metrics)),
        PATH_FILTER_ORDER);
  }

  @Bean
  @ConditionalOnMissingBean(name = "lockLLMAnnotationFilter")
  FilterRegistrationBean<LockLLMFilter> lockLLMAnnotationFilter(LockLLMInterceptor interceptor,
      LockLLMSettings settings, LockLLMProperties properties, ObjectProvider<RequestMappingHandlerMapping> mappings,
      @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver,
      ObjectProvider<ScanMetrics> metrics) {
    return registration(LockLLMFilter.create(new AnnotatedEndpoints(interceptor, settings.protectedMethods(), mappings),
        rejections(properties, resolver), observer(metrics)), ANNOTATION_FILTER_ORDER);
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

  /** Micrometer meters, when Micrometer is present and the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    ScanMetrics lockLLMScanMetrics(MeterRegistry registry) {
      return new ScanMetrics(registry);
    }
  }

  /** Actuator health {@code lockllm}, when Actuator is present and the indicator is not switched off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("lockllm")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "lockllmHealthIndicator")
    HealthIndicator lockllmHealthIndicator(Scanner scanner) {
      return new LockLLMHealthIndicator(scanner);
    }
  }

  private static Consumer<InterceptDecision> observer(ObjectProvider<ScanMetrics> metrics) {
    ScanMetrics meters = metrics.getIfAvailable();
    return meters == null ? decision -> {} : meters;
  }

  private static LockLLMFilter.RejectionWriter rejections(LockLLMProperties properties,
      ObjectProvider<HandlerExceptionResolver> resolver) {
    HandlerExceptionResolver spring = properties.getSpring().isExceptions() ? resolver.getIfAvailable() : null;
    return spring == null ? LockLLMFilter::write : new SpringRejections(spring);
  }

  private static FilterRegistrationBean<LockLLMFilter> registration(LockLLMFilter filter, int order) {
    FilterRegistrationBean<LockLLMFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(order);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }
}
