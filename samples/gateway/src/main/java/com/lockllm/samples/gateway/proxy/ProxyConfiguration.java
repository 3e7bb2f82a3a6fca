package com.lockllm.samples.gateway.proxy;

import com.lockllm.proxy.ProxyOptions;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.spring.LockLLMCustomizer;
import java.net.http.HttpClient;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The proxy's beans: the HTTP client and the threads answers move on, the provider registry and the
 * response cache, in Redis when the starter has built a {@link LockLLMRedis} from Spring Boot's Redis
 * connection ({@code REDIS_URL}, {@code spring.data.redis.*}), beside its scan cache and abuse counters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class ProxyConfiguration {
  /**
   * The threads that move answers: the upstream client's callbacks, the echo model's paced events
   * and the non-blocking writes they lead to (no task here waits). One per core, at least two,
   * however many answers are open.
   */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService proxyScheduler() {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(
        Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
          Thread thread = new Thread(task, "gateway-io-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.setRemoveOnCancelPolicy(true);
    return pool;
  }

  @Bean
  HttpClient upstreamHttpClient(GatewayProperties properties, ScheduledExecutorService proxyScheduler) {
    // Redirects pass through to the client, as the upstream sent them.
    return HttpClient.newBuilder()
        .connectTimeout(properties.getConnectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(proxyScheduler)
        .build();
  }

  /** Provider keys from the properties, else from the environment as Spring sees it (the process's variables). */
  @Bean
  Providers providers(GatewayProperties properties, Environment environment) {
    return new Providers(properties.getProviders(), environment::getProperty);
  }

  @Bean
  ResponseCache responseCache(GatewayProperties properties, ObjectProvider<LockLLMRedis> redis) {
    long ttl = properties.getCache().getTtl().toSeconds();
    if (ttl < 0 || ttl > ProxyOptions.MAX_CACHE_TTL) {
      throw new IllegalArgumentException("lockllm.gateway.cache.ttl must be 0 to 86400 seconds, got " + ttl);
    }
    LockLLMRedis shared = redis.getIfAvailable();
    return shared != null
        ? new RedisResponseCache(shared.blobs(RedisResponseCache.NAMESPACE))
        : new CaffeineResponseCache(properties.getCache().getMaxSize().toBytes());
  }

  /**
   * The echo model's routing tiers (where {@code lockllm.routing.models.*} sets none) when the embedded engine scans. Not
   * properties: the LockLLM API routes by its dashboard and refuses local routing settings, so with
   * {@code LOCKLLM_API_KEY} set the gateway would not start.
   */
  @Bean
  LockLLMCustomizer echoRoutingTiers() {
    return settings -> {
      if (!settings.remote(System.getenv())) {
        settings.routing(settings.routing().withDefaults("echo-mini", "echo-1", "echo-large"));
      }
    };
  }
}
