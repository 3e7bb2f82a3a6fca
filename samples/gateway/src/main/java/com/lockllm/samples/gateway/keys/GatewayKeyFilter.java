package com.lockllm.samples.gateway.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.error.AuthenticationException;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Authenticates gateway clients by key, the way the official SDKs send one: {@code X-LockLLM-Key:
 * KEY}, {@code Authorization: Bearer KEY} (OpenAI) or {@code x-api-key: KEY} (Anthropic), tried in
 * that order, every value of each. The presented key is hashed with SHA-256 and looked up by digest
 * ({@link KeyStore}); the first that matches authenticates the request, which then carries an
 * {@link AuthenticatedKey} attribute (name, flags, the header that carried it). Every path needs a
 * key except the playground and dashboard pages, their assets, {@code /health} and the Actuator
 * health probes: a path no one listed is closed. A valid key sent to one of those open paths still
 * names the request (an {@code admin} key sees the health details, {@link ManagementAccessFilter}).
 *
 * <p>Without a valid key: 401 with the error JSON both the OpenAI and the Anthropic SDKs read
 * ({@code {"type":"error","error":{"message","type":"authentication_error","code":"invalid_api_key"}}})
 * and {@code WWW-Authenticate: Bearer}; 503 {@code key_store_unavailable} when the key store could
 * not answer. With {@code optional} (anonymous access allowed and keys configured), a request
 * without a valid key proceeds as anonymous, with no name and no flags. Keys are never logged or
 * echoed; the key's name goes into the log context ({@code MDC} {@value #MDC_KEY}).
 */
final class GatewayKeyFilter implements Filter {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  private static final Logger log = LoggerFactory.getLogger(GatewayKeyFilter.class);
  /** The gateway's own header; the proxy never forwards an {@code x-lockllm-*} header. */
  static final String LOCKLLM_KEY = "X-LockLLM-Key";
  static final String AUTHORIZATION = "Authorization";
  static final String X_API_KEY = "x-api-key";
  private static final List<String> HEADERS = List.of(LOCKLLM_KEY, AUTHORIZATION, X_API_KEY);
  /**
   * Paths anyone may request: the playground and the dashboard (each asks for a key itself), the
   * health check and the load balancer's probes.
   */
  static final Set<String> OPEN_PATHS = Set.of("/", "/index.html", "/playground.css", "/playground.js", "/favicon.ico",
      "/dashboard.html", "/dashboard.css", "/dashboard.js", "/health", "/actuator/health", "/actuator/health/liveness",
      "/actuator/health/readiness");
  static final String MDC_KEY = "lockllm.gateway.key";
  /** Longer values are not keys; not worth hashing. */
  private static final int MAX_KEY_CHARS = 1024;
  static final String REALM = "Bearer realm=\"lockllm-gateway\"";

  private final KeyStore store;
  private final boolean optional;
  private final KeyEvents events;

  GatewayKeyFilter(KeyStore store, boolean optional, KeyEvents events) {
    this.store = store;
    this.optional = optional;
    this.events = events;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (AuthenticatedKey.of(request) != null) {
      chain.doFilter(request, response);
      return;
    }
    if (OPEN_PATHS.contains(path(request))) {
      AuthenticatedKey key = authenticate(request).key;
      if (key != null) {
        request.setAttribute(AuthenticatedKey.ATTRIBUTE, key);
      }
      chain.doFilter(request, response);
      return;
    }
    Outcome outcome = authenticate(request);
    if (outcome.key != null) {
      request.setAttribute(AuthenticatedKey.ATTRIBUTE, outcome.key);
      events.authenticated(outcome.key.name());
      log.debug("{} {}: gateway key {}", request.getMethod(), request.getRequestURI(), outcome.key.name());
      MDC.put(MDC_KEY, outcome.key.name());
      try {
        chain.doFilter(request, response);
      } finally {
        MDC.remove(MDC_KEY);
      }
      return;
    }
    if (optional) {
      chain.doFilter(request, response);
      return;
    }
    events.refused(outcome.reason);
    log.debug("{} {}: refused, gateway key {}", request.getMethod(), request.getRequestURI(), outcome.reason);
    if ("unavailable".equals(outcome.reason)) {
      write(response, new LockLLMException("The gateway's key store is unavailable; try again shortly", "api_error",
          "key_store_unavailable", 503, null), null);
    } else if ("missing".equals(outcome.reason)) {
      write(response, new AuthenticationException("Missing gateway key: send it as Authorization: Bearer <key>, "
          + "x-api-key: <key> or X-LockLLM-Key: <key>", "invalid_api_key", null), REALM);
    } else {
      write(response, new AuthenticationException("Invalid gateway key", "invalid_api_key", null),
          REALM + ", error=\"invalid_token\"");
    }
  }

  private record Outcome(AuthenticatedKey key, String reason) {}

  private Outcome authenticate(HttpServletRequest request) {
    boolean presented = false;
    boolean unavailable = false;
    for (String header : HEADERS) {
      for (String value : Collections.list(request.getHeaders(header))) {
        String key = header.equals(AUTHORIZATION) ? bearer(value) : value.strip();
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS) {
          presented |= key != null && !key.isEmpty();
          continue;
        }
        presented = true;
        try {
          KeyEntry entry = store.find(sha256(key));
          if (entry != null) {
            return new Outcome(new AuthenticatedKey(entry.name(), entry.flags(), header), null);
          }
        } catch (KeyStore.KeyStoreUnavailableException e) {
          unavailable = true;
        }
      }
    }
    return new Outcome(null, unavailable ? "unavailable" : presented ? "invalid" : "missing");
  }

  /** The credentials of {@code Bearer <key>}, or {@code null} for another scheme. */
  private static String bearer(String value) {
    String v = value.strip();
    return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : null;
  }

  /** The decoded, normalised path Tomcat matched (no path parameters, no dot segments, no repeated slashes). */
  static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The error JSON, with the top-level {@code "type":"error"} of Anthropic's error shape. */
  static void write(HttpServletResponse response, LockLLMException e, String challenge) throws IOException {
    ObjectNode body = OBJECT_MAPPER.createObjectNode();
    body.put("type", "error");
    body.setAll((ObjectNode) OBJECT_MAPPER.readTree(LockLLMErrors.toJson(e)));
    byte[] bytes = OBJECT_MAPPER.writeValueAsBytes(body);
    response.setStatus(e.status());
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    if (e.status() == 503) {
      response.setHeader("Retry-After", "1");
    }
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
