package com.lockllm.samples.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.UpstreamException;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyOptions;
import com.lockllm.samples.echo.EchoModel;
import com.lockllm.samples.gateway.keys.AuthenticatedKey;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proxy routes. The starter's filter has already scanned each request (and rejected it, or
 * redacted it under PII {@code strip}, and set the {@code X-LockLLM-*} headers); this forwards the
 * body it let through byte-for-byte, streams server-sent events as they arrive and caches identical
 * non-streaming answers. No thread waits for an upstream's answer nor for a slow client: the request
 * goes asynchronous once forwarded ({@link AsyncAnswer}).
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}, {@code /v1/responses}, {@code /v1/messages}: the echo
 *       model, or the {@code lockllm.gateway.upstream.base-url} ({@code UPSTREAM_BASE_URL}) when set;
 *   <li>{@code /v1/proxy/{provider}/**}: the provider's base URL plus the rest of the path and the query.
 * </ul>
 */
@RestController
public class ProxyController {
  private static final Logger log = LoggerFactory.getLogger(ProxyController.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROXY_PREFIX = "/v1/proxy/";
  /** Hop-by-hop (RFC 9110 §7.6.1) and the ones the JDK client sets itself or refuses. */
  private static final Set<String> NOT_FORWARDED = Set.of(
      "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
      "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "date", "via", "from",
      "warning", "http2-settings",
      // Identity encoding, so streamed chunks reach the client as the upstream sends them.
      "accept-encoding");
  /** Every header a client may carry its own credentials in; replaced when the gateway holds the key. */
  private static final Set<String> CREDENTIALS = Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key");
  /** Request headers that change the answer besides the body, so they are part of the cache key. */
  private static final Set<String> KEYED = Set.of(
      "content-type", "accept", "anthropic-version", "anthropic-beta", "openai-organization", "openai-project");
  private static final String ANTHROPIC_VERSION = "2023-06-01";

  private final HttpClient http;
  private final Providers providers;
  private final ResponseCache cache;
  private final GatewayProperties properties;
  private final ScheduledExecutorService scheduler;

  /** @param scheduler paces the echo model's streamed events */
  public ProxyController(HttpClient http, Providers providers, ResponseCache cache, GatewayProperties properties,
      ScheduledExecutorService scheduler) {
    this.http = http;
    this.providers = providers;
    this.cache = cache;
    this.properties = properties;
    this.scheduler = scheduler;
  }

  @PostMapping("/v1/chat/completions")
  void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byDefault(EchoModel.Api.CHAT_COMPLETIONS, "/chat/completions", request, response);
  }

  @PostMapping("/v1/responses")
  void responses(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byDefault(EchoModel.Api.RESPONSES, "/responses", request, response);
  }

  @PostMapping("/v1/messages")
  void messages(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byDefault(EchoModel.Api.MESSAGES, "/messages", request, response);
  }

  @RequestMapping(path = "/v1/proxy/{provider}/**", method = {RequestMethod.GET, RequestMethod.POST})
  void proxy(@PathVariable String provider, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Upstream upstream = providers.find(provider);
      String raw = request.getRequestURI().substring(request.getContextPath().length());
      // The raw path after /v1/proxy/{provider}, so encoded characters reach the upstream as sent.
      int rest = raw.indexOf('/', PROXY_PREFIX.length());
      String path = rest < 0 ? "" : raw.substring(rest);
      forward(upstream, upstream.resolve(path, request.getQueryString()), request, response);
    } catch (LockLLMException e) {
      writeError(response, e);
    }
  }

  private void byDefault(EchoModel.Api api, String path, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String base = properties.getUpstream().getBaseUrl();
    try {
      if (base == null || base.isBlank()) {
        echo(api, request, response);
      } else {
        String key = properties.getUpstream().getApiKey();
        Upstream upstream = new Upstream("upstream", URI.create(base),
            key == null || key.isBlank() ? null : key, Upstream.AuthStyle.BEARER);
        forward(upstream, upstream.resolve(path, request.getQueryString()), request, response);
      }
    } catch (LockLLMException e) {
      writeError(response, e);
    }
  }

  private void echo(EchoModel.Api api, HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    ScanResponse scan = (ScanResponse) request.getAttribute(ScanResult.ATTRIBUTE);
    try {
      if (EchoModel.wantsStream(body)) {
        List<byte[]> events = EchoModel.events(api, body).stream().map(ProxyController::bytes).toList();
        AsyncAnswer answer = AsyncAnswer.start(request);
        answer.stream(r -> {
          r.setContentType(EchoModel.STREAM_CONTENT_TYPE);
          r.setHeader("Cache-Control", "no-cache");
        });
        ScheduledEvents.send(events, properties.getEchoEventInterval(), scheduler, answer);
        return;
      }
      Cacheability cacheable = cacheability(request);
      String key = cacheable.on() ? cacheKey(request, "echo:" + api, null, body) : null;
      ResponseCache.Entry entry = key == null ? null : cache.get(key).orElse(null);
      if (entry == null) {
        entry = new ResponseCache.Entry(200, Map.of("Content-Type", List.of(EchoModel.CONTENT_TYPE)),
            EchoModel.answer(api, body, scan), System.currentTimeMillis(), cacheable.ttl());
        write(response, entry, key == null ? null : miss(key, entry));
      } else {
        write(response, entry, "HIT");
      }
    } catch (JsonProcessingException notJson) {
      writeError(response, new LockLLMException("The request body is not JSON", "invalid_request_error",
          "invalid_json", 400, null));
    }
  }

  private void forward(Upstream upstream, URI target, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    boolean stream = wantsStream(body);
    Cacheability cacheable = stream || !"POST".equals(request.getMethod())
        ? Cacheability.OFF : cacheability(request);
    String key = cacheable.on() ? cacheKey(request, target.toString(), upstream.key(), body) : null;
    if (key != null) {
      ResponseCache.Entry hit = cache.get(key).orElse(null);
      if (hit != null) {
        write(response, hit, "HIT");
        return;
      }
    }
    HttpRequest outbound = outbound(upstream, target, request, body);
    // Never the query: some clients put keys there.
    String route = request.getMethod() + " " + request.getRequestURI() + " -> " + upstream.name() + target.getRawPath();
    AsyncAnswer answer = AsyncAnswer.start(request);
    CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(outbound, info -> {
      log.debug("{} {}", route, info.statusCode());
      String contentType = info.headers().firstValue("content-type").orElse("");
      if (stream || contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
        answer.stream(r -> head(r, info.statusCode(), endToEnd(info.headers().map())));
        return HttpResponse.BodySubscribers.fromSubscriber(answer, streamed -> null);
      }
      return HttpResponse.BodySubscribers.ofByteArray();
    });
    answer.cancelWith(() -> sent.cancel(true));
    sent.whenComplete((buffered, failure) -> {
      if (failure != null) {
        answer.fail(upstreamError(upstream, failure));
      } else if (buffered.body() != null) {
        // Cached, in Redis perhaps, on the container's threads rather than the upstream client's.
        answer.run(() -> {
          ResponseCache.Entry entry = new ResponseCache.Entry(buffered.statusCode(),
              endToEnd(buffered.headers().map()), buffered.body(), System.currentTimeMillis(), cacheable.ttl());
          String cacheStatus = key == null ? null : miss(key, entry);
          answer.answer(r -> head(r, entry, cacheStatus), entry.body());
        });
      }
    });
  }

  /** The upstream's failure to answer (or to finish a streamed answer) in the LockLLM shape. */
  private UpstreamException upstreamError(Upstream upstream, Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (e instanceof HttpTimeoutException) {
      return new UpstreamException("Upstream " + upstream.name() + " did not answer within "
          + properties.getReadTimeout().toSeconds() + " s", upstream.name(), null, null);
    }
    return new UpstreamException("Upstream " + upstream.name() + " unreachable: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage()), upstream.name(), null, null);
  }

  private HttpRequest outbound(Upstream upstream, URI target, HttpServletRequest request, byte[] body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(properties.getReadTimeout());
    if ("http".equalsIgnoreCase(target.getScheme())) {
      // No h2c upgrade headers on plain HTTP: the upstream gets the request as the client sent it.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    Set<String> dropped = new HashSet<>(NOT_FORWARDED);
    for (String named : Collections.list(request.getHeaders("Connection"))) {
      for (String name : named.split(",")) {
        dropped.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    dropped.addAll(gatewayKeyHeaders(request));
    boolean anthropicVersion = false;
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (dropped.contains(lower) || lower.startsWith("x-lockllm-")
          || (upstream.key() != null && CREDENTIALS.contains(lower))) {
        continue;
      }
      anthropicVersion |= lower.equals("anthropic-version");
      for (String value : Collections.list(request.getHeaders(name))) {
        builder.header(name, value);
      }
    }
    if (upstream.key() != null) {
      builder.header(upstream.auth().header(), upstream.auth().value(upstream.key()));
    }
    if (upstream.auth() == Upstream.AuthStyle.ANTHROPIC && !anthropicVersion) {
      builder.header("anthropic-version", ANTHROPIC_VERSION);
    }
    boolean noBody = body.length == 0 && "GET".equals(request.getMethod());
    return builder.method(request.getMethod(),
        noBody ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /**
   * The header that carried the client's gateway key ({@code authorization} or {@code x-api-key};
   * {@code x-lockllm-key} is never forwarded anyway): the gateway's key is no upstream's business.
   */
  private static Set<String> gatewayKeyHeaders(HttpServletRequest request) {
    AuthenticatedKey key = AuthenticatedKey.of(request);
    return key == null ? Set.of() : Set.of(key.header().toLowerCase(Locale.ROOT));
  }

  /** A streamed answer's status and headers: its body is written and flushed as it arrives, never held back nor cached. */
  private static void head(HttpServletResponse response, int status, Map<String, List<String>> headers) {
    response.setStatus(status);
    headers.forEach((name, values) -> addHeaders(response, name, values));
  }

  private static void write(HttpServletResponse response, ResponseCache.Entry entry, String cacheStatus)
      throws IOException {
    head(response, entry, cacheStatus);
    response.getOutputStream().write(entry.body());
  }

  private static void head(HttpServletResponse response, ResponseCache.Entry entry, String cacheStatus) {
    response.setStatus(entry.status());
    entry.headers().forEach((name, values) -> addHeaders(response, name, values));
    if (cacheStatus != null) {
      response.setHeader(LockLLMHeaders.CACHE_STATUS, cacheStatus);
      if ("HIT".equals(cacheStatus)) {
        response.setHeader(LockLLMHeaders.CACHE_AGE, Long.toString(entry.ageSeconds(System.currentTimeMillis())));
      }
    }
    response.setContentLength(entry.body().length);
  }

  /** Stores a 2xx answer that has a TTL; either way the client is told it was a miss. */
  private String miss(String key, ResponseCache.Entry entry) {
    if (entry.status() / 100 == 2 && entry.ttlSeconds() > 0) {
      cache.put(key, entry);
    }
    return "MISS";
  }

  /** A header the filter already set (X-Request-Id) stays the gateway's. */
  private static void addHeaders(HttpServletResponse response, String name, List<String> values) {
    if (response.containsHeader(name)) {
      return;
    }
    values.forEach(value -> response.addHeader(name, value));
  }

  /**
   * The upstream's headers minus hop-by-hop ones and any LockLLM headers of its own (another LockLLM
   * proxy upstream): the {@code X-LockLLM-*} headers of the answer describe this gateway's scan.
   */
  private static Map<String, List<String>> endToEnd(Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.startsWith(":") && !NOT_FORWARDED.contains(lower) && !lower.equals("content-length")
          && !lower.startsWith("x-lockllm-") && !lower.equals("x-scan-mode")) {
        kept.put(name, values);
      }
    });
    return kept;
  }

  private record Cacheability(boolean on, long ttl) {
    static final Cacheability OFF = new Cacheability(false, 0);
  }

  /** From the configuration and the request's {@code x-lockllm-cache-response} / {@code -cache-ttl}. */
  private Cacheability cacheability(HttpServletRequest request) {
    ProxyOptions options = ProxyOptions.fromHeaders(request::getHeader);
    if (!properties.getCache().isEnabled() || Boolean.FALSE.equals(options.cacheResponse())) {
      return Cacheability.OFF;
    }
    long ttl = options.cacheTtl() != null ? options.cacheTtl() : properties.getCache().getTtl().toSeconds();
    return new Cacheability(true, ttl);
  }

  /**
   * SHA-256 over the route, the upstream URL, the credential (itself hashed first), the headers that
   * change the answer, the scan options asked for, and the forwarded body bytes.
   */
  private static String cacheKey(HttpServletRequest request, String target, String gatewayKey, byte[] body) {
    MessageDigest digest = sha256();
    Map<String, String> keyed = new TreeMap<>();
    Set<String> notForwarded = gatewayKeyHeaders(request);
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (notForwarded.contains(lower) || lower.equals("x-lockllm-key")) {
        // not sent upstream, so it does not change the answer
        continue;
      }
      boolean scanOption = lower.startsWith("x-lockllm-") && !lower.startsWith("x-lockllm-cache-");
      if (KEYED.contains(lower) || scanOption || (gatewayKey == null && CREDENTIALS.contains(lower))) {
        keyed.put(lower, String.join(",", Collections.list(request.getHeaders(name))));
      }
    }
    if (gatewayKey != null) {
      keyed.put("gateway-key", gatewayKey);
    }
    update(digest, request.getMethod() + ' ' + request.getRequestURI() + '\n' + target + '\n');
    keyed.forEach((name, value) -> update(digest, name + ':'
        + (CREDENTIALS.contains(name) || name.equals("gateway-key") ? hex(sha256().digest(bytes(value))) : value) + '\n'));
    update(digest, "\n");
    digest.update(body);
    return hex(digest.digest());
  }

  private static boolean wantsStream(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.path("stream").asBoolean(false);
    } catch (IOException notJson) {
      return false;
    }
  }

  private static void writeError(HttpServletResponse response, LockLLMException e) throws IOException {
    if (response.isCommitted()) {
      log.warn("error after the answer started: {}", e.getMessage());
      return;
    }
    ErrorResponse error = LockLLMErrors.toResponse(e);
    response.setStatus(error.status());
    error.headers().forEach(response::setHeader);
    response.setContentLength(error.body().length);
    response.getOutputStream().write(error.body());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
