package com.lockllm.samples.gateway.proxy;

import com.lockllm.proxy.ProxyOptions;
import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy's beans: the HTTP client, the provider registry and the response cache (replace it with a shared one). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class ProxyConfiguration {
  @Bean
  HttpClient upstreamHttpClient(GatewayProperties properties) {
    // Redirects pass through to the client, as the upstream sent them.
    return HttpClient.newBuilder()
        .connectTimeout(properties.getConnectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Bean
  Providers providers(GatewayProperties properties) {
    return new Providers(properties.getProviders(), System::getenv);
  }

  @Bean
  ResponseCache responseCache(GatewayProperties properties) {
    long ttl = properties.getCache().getTtl().toSeconds();
    if (ttl < 0 || ttl > ProxyOptions.MAX_CACHE_TTL) {
      throw new IllegalArgumentException("lockllm.gateway.cache.ttl must be 0 to 86400 seconds, got " + ttl);
    }
    return new CaffeineResponseCache(properties.getCache().getMaxSize().toBytes());
  }
}
