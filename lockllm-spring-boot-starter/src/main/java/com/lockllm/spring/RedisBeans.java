package com.lockllm.spring;

import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.ScanCache;
import com.lockllm.redis.LockLLMRedis;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@link LockLLMRedisAutoConfiguration} makes of a {@link LockLLMRedis} bean, the starter's or
 * the application's. Not API.
 */
final class RedisBeans {
  private RedisBeans() {}

  /** The stores of the {@link LockLLMRedis} bean, the starter's or the application's. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(LockLLMRedis.class)
  static class Stores {
    /** The interceptor counts abuse behaviour here instead of in memory. */
    @Bean
    @ConditionalOnMissingBean
    CounterStore lockLLMCounters(LockLLMRedis redis) {
      return redis.counterStore();
    }

    /** The scan cache ({@code lockllm.cache.enabled=true}) lives here instead of in memory. */
    @Bean
    @ConditionalOnMissingBean
    ScanCache lockLLMScanCache(LockLLMRedis redis) {
      return redis.scanCache();
    }
  }

  /** {@link RedisMeters}, bound by Spring Boot to the application's registry when there is one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  @ConditionalOnBean(LockLLMRedis.class)
  static class Meters {
    @Bean
    @ConditionalOnMissingBean(name = "lockLLMRedisMeters")
    MeterBinder lockLLMRedisMeters(LockLLMRedis redis) {
      return new RedisMeters(redis);
    }
  }
}
