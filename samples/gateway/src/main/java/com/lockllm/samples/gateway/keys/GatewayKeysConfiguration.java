package com.lockllm.samples.gateway.keys;

import com.lockllm.intercept.ClientKeyResolver;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.samples.gateway.proxy.GatewayProperties;
import com.lockllm.samples.gateway.proxy.Providers;
import com.lockllm.spring.LockLLMAutoConfiguration;
import com.lockllm.spring.LockLLMProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Gateway client keys: the {@link GatewayKeyFilter} in front of the LockLLM filters, the
 * {@link ClientKeyResolver} that names each request's client by its key ({@code key:<name>}) for
 * abuse detection, the {@link HeaderTrust} that lets {@code trusted} keys loosen the policy with
 * their headers, and the checks that keep an unsafe configuration from starting: upstream
 * credentials with no client key and no explicit {@code anonymous=true}, Redis keys without Redis,
 * malformed entries, and {@code scan-api-key} beside client keys.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayKeysConfiguration {
  private static final Logger log = LoggerFactory.getLogger(GatewayKeysConfiguration.class);
  /**
   * How far before the LockLLM filters ({@code lockllm.filter-order}) the key filter runs, so that a
   * request is authenticated (and named) before it is scanned, and an unauthenticated one is never
   * scanned, wherever the starter's filters are put.
   */
  static final int BEFORE_LOCKLLM = 5;

  /** {@code name:sha256-hex[:flag+flag]} in {@code lockllm.gateway.keys} ({@code LOCKLLM_GATEWAY_KEYS}). */
  @Bean
  @ConfigurationPropertiesBinding
  static Converter<String, GatewayKey> gatewayKeyFromString() {
    return new Converter<>() {
      @Override
      public GatewayKey convert(String entry) {
        return GatewayKey.parse(entry);
      }
    };
  }

  /** Who may use the gateway, checked once at start. */
  @Bean
  GatewayAccess gatewayAccess(GatewayProperties properties, Providers providers, ObjectProvider<LockLLMRedis> redis,
      @Value("${lockllm.gateway.scan-api-key:}") String scanApiKey) {
    List<KeyEntry> entries = new ArrayList<>();
    for (int i = 0; i < properties.getKeys().size(); i++) {
      if (properties.getKeys().get(i).blank()) {
        continue;
      }
      try {
        entries.add(properties.getKeys().get(i).validate("lockllm.gateway.keys[" + i + "]"));
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigurationException("A gateway client key is malformed: " + e.getMessage(),
            "Give each key as name:sha256-hex[:flag+flag] (LOCKLLM_GATEWAY_KEYS, comma-separated) or as "
                + "lockllm.gateway.keys[i].name, .sha256 and .flags; the digest is "
                + "printf %s \"$KEY\" | sha256sum | cut -c1-64.");
      }
    }
    StaticKeyStore configured;
    try {
      configured = new StaticKeyStore(entries);
    } catch (IllegalArgumentException e) {
      throw new GatewayConfigurationException(e.getMessage(), "Remove the repeated entry.");
    }
    GatewayProperties.RedisKeys redisKeys = properties.getRedisKeys();
    KeyStore fromRedis = null;
    if (redisKeys.isEnabled()) {
      LockLLMRedis shared = redis.getIfAvailable();
      if (shared == null) {
        throw new GatewayConfigurationException(
            "Client keys in Redis are asked for (LOCKLLM_GATEWAY_REDIS_KEYS) but there is no Redis.",
            "Set REDIS_URL (or spring.data.redis.*), or turn lockllm.gateway.redis-keys.enabled off.");
      }
      fromRedis = new RedisKeyStore(shared.hash(RedisKeyStore.HASH), redisKeys.getCacheTtl(), redisKeys.getMaxStale(),
          100_000, System::nanoTime);
    }
    boolean keyed = !configured.isEmpty() || fromRedis != null;
    if (keyed && scanApiKey != null && !scanApiKey.isBlank()) {
      throw new GatewayConfigurationException(
          "lockllm.gateway.scan-api-key is set beside gateway client keys; POST /v1/scan takes the client keys.",
          "Remove lockllm.gateway.scan-api-key, and give its holders a client key (its digest in lockllm.gateway.keys).");
    }
    String upstreamKey = properties.getUpstream().getApiKey();
    boolean credentials = (upstreamKey != null && !upstreamKey.isBlank()) || providers.anyKey();
    if (!keyed && credentials && !properties.isAnonymous()) {
      throw new GatewayConfigurationException(
          "The gateway holds upstream credentials (UPSTREAM_API_KEY or a provider key) but no client key is "
              + "configured: anyone who can reach it would spend them.",
          "Configure client keys: LOCKLLM_GATEWAY_KEYS=name:sha256-hex[:trusted] (the digest is "
              + "printf %s \"$KEY\" | sha256sum | cut -c1-64), lockllm.gateway.keys[i].name/.sha256/.flags, or keys in Redis "
              + "(LOCKLLM_GATEWAY_REDIS_KEYS=true with REDIS_URL); or, to serve anyone on purpose, set "
              + "LOCKLLM_GATEWAY_ANONYMOUS=true (lockllm.gateway.anonymous=true).");
    }
    GatewayAccess access = new GatewayAccess(keyed ? new CompositeKeyStore(configured, fromRedis) : null,
        properties.isAnonymous());
    log.info("Gateway access: {}", access.describe(configured.size(), fromRedis != null));
    return access;
  }

  @Bean
  FilterRegistrationBean<GatewayKeyFilter> gatewayKeyFilter(GatewayAccess access, ObjectProvider<KeyEvents> events,
      ObjectProvider<LockLLMProperties> lockllm) {
    FilterRegistrationBean<GatewayKeyFilter> registration = new FilterRegistrationBean<>(
        new GatewayKeyFilter(access.store(), access.anonymous(), events.getIfAvailable(() -> KeyEvents.NONE)));
    registration.setOrder(lockllmOrder(lockllm) - BEFORE_LOCKLLM);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    // Open: no key configured, so nothing to check.
    registration.setEnabled(access.store() != null);
    return registration;
  }

  /**
   * Admin-only operational data ({@code /actuator/**} beyond the probes, {@code /dashboard/stats}),
   * right after the key filter, so it sees the request's key.
   */
  @Bean
  FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter(GatewayAccess access,
      ObjectProvider<LockLLMProperties> lockllm) {
    FilterRegistrationBean<ManagementAccessFilter> registration = new FilterRegistrationBean<>(
        new ManagementAccessFilter(access.store() == null));
    registration.setOrder(lockllmOrder(lockllm) - BEFORE_LOCKLLM + 1);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  private static int lockllmOrder(ObjectProvider<LockLLMProperties> lockllm) {
    LockLLMProperties properties = lockllm.getIfAvailable();
    return properties == null ? LockLLMAutoConfiguration.DEFAULT_FILTER_ORDER : properties.getFilterOrder();
  }

  /** {@code key:<name>} for a request that authenticated with a gateway key; the starter's resolvers otherwise. */
  @Bean
  ClientKeyResolver gatewayClientKeys() {
    return request -> request.unwrap() instanceof HttpServletRequest servlet && AuthenticatedKey.of(servlet) != null
        ? "key:" + AuthenticatedKey.of(servlet).name()
        : null;
  }

  /**
   * Loosening {@code X-LockLLM-*} headers are honoured for a request that authenticated with a key
   * flagged {@code trusted}, and for no other (anonymous requests included): without trust, headers
   * can only tighten the policy.
   */
  @Bean
  HeaderTrust gatewayHeaderTrust() {
    return request -> {
      AuthenticatedKey key = request.unwrap() instanceof HttpServletRequest servlet ? AuthenticatedKey.of(servlet) : null;
      return key != null && key.trusted();
    };
  }

  /**
   * Who may use the gateway: {@code store} null means open (no key configured); else a key is
   * required, or optional when {@code anonymous} is set.
   */
  record GatewayAccess(KeyStore store, boolean anonymous) {
    String describe(int configured, boolean redis) {
      if (store == null) {
        return anonymous ? "anonymous (lockllm.gateway.anonymous=true), no client key" : "open, no client key";
      }
      return (anonymous ? "optional" : "required") + " client key, " + configured + " configured"
          + (redis ? " and the Redis hash" : "");
    }
  }

  /** {@code lockllm.gateway.auth} counters by key name and outcome, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    KeyEvents gatewayKeyMetrics(ObjectProvider<MeterRegistry> registries) {
      MeterRegistry registry = registries.getIfAvailable();
      return registry == null ? KeyEvents.NONE : new KeyEvents() {
        @Override
        public void authenticated(String name) {
          registry.counter("lockllm.gateway.auth", "key", name, "outcome", "ok").increment();
        }

        @Override
        public void refused(String reason) {
          registry.counter("lockllm.gateway.auth", "key", "none", "outcome", reason).increment();
        }
      };
    }
  }
}
