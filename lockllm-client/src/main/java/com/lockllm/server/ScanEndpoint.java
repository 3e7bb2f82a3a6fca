package com.lockllm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.AuthenticationException;
import com.lockllm.error.ErrorResponse;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.StrictJson;
import com.lockllm.intercept.Verdicts;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyOptions;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the LockLLM scan API ({@code POST /v1/scan}), framework-free: a request's
 * headers and body in, an {@link Answer} out. Any HTTP server (the CLI's {@code serve}, the
 * gateway) puts it behind a route, so {@code LockLLMClient} and the official SDKs can point at a
 * self-hosted scanner.
 *
 * <p>The body is {@code {"input": "...", "sensitivity": "...", "chunk": bool}} ({@code text} and
 * {@code inputs} are accepted for {@code input}); the other options come from the {@code
 * X-LockLLM-*} headers, and a sensitivity in the body wins over the header. The answer is the scan
 * response JSON (200), or, under a {@code block} action, the LockLLM error the API answers with
 * (400 or 403); bad requests are 400, a wrong key 401, and a scanner that fails (the remote API down or refusing this
 * server's key) 503 {@code scanner_unavailable}. With an API key set, requests must carry
 * it as {@code Authorization: Bearer} or {@code x-api-key}.
 *
 * <p>Bodies are read under the same rules as the proxy's ({@link StrictJson}): duplicate keys are
 * 400 {@code duplicate_json_key}, bodies that are not strict UTF-8 or have content after the object
 * are 400 {@code invalid_json}, nesting deeper than {@value ExtractionConfig#DEFAULT_MAX_DEPTH} is 413.
 */
public final class ScanEndpoint {
  private static final Logger log = LoggerFactory.getLogger(ScanEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The path the LockLLM API serves scans on. */
  public static final String PATH = "/v1/scan";
  /** Default bound on a request body. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final Scanner scanner;
  private final byte[] apiKey;
  private final int maxBodyBytes;
  private final StrictJson json;

  private ScanEndpoint(Scanner scanner, String apiKey, int maxBodyBytes) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    this.json = StrictJson.create(maxBodyBytes, ExtractionConfig.DEFAULT_MAX_DEPTH);
  }

  /** An endpoint over {@code scanner} that asks for no key. */
  public static ScanEndpoint create(Scanner scanner) {
    return new ScanEndpoint(scanner, null, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * An endpoint over {@code scanner} that requires {@code apiKey} (none when {@code null} or blank)
   * and answers 413 above {@code maxBodyBytes}.
   */
  public static ScanEndpoint create(Scanner scanner, String apiKey, int maxBodyBytes) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    return new ScanEndpoint(scanner, apiKey, maxBodyBytes);
  }

  /** What to answer: status, JSON body and headers. */
  public record Answer(int status, byte[] body, Map<String, String> headers) {
    public static final String CONTENT_TYPE = "application/json";

    public Answer {
      headers = Map.copyOf(headers);
    }
  }

  /** The bound on request bodies; servers should refuse larger ones before reading them. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Answers one scan request. {@code header} looks a request header up by name, case-insensitively,
   * and gives {@code null} when it is absent.
   */
  public Answer handle(Function<String, String> header, byte[] body) {
    String clientRequestId = header.apply(LockLLMHeaders.REQUEST_ID);
    try {
      authenticate(header, clientRequestId);
      if (body.length > maxBodyBytes) {
        throw InvalidRequestErrors.payloadTooLarge(maxBodyBytes);
      }
      ScanRequest request = parse(header, body);
      ScanResponse response = scan(request);
      if (clientRequestId != null && !clientRequestId.isBlank()) {
        response = response.toBuilder().requestId(clientRequestId).build();
      }
      LockLLMException blocked = Verdicts.rejection(response, request.options().resolved());
      if (blocked != null) {
        return error(blocked, clientRequestId);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(LockLLMHeaders.REQUEST_ID, response.requestId());
      return new Answer(200, JSON.writeValueAsBytes(response), headers);
    } catch (LockLLMException e) {
      return error(e, clientRequestId);
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("LockLLM scan server failed to scan ({})", e.getClass().getSimpleName());
      return error(new LockLLMException("The scan failed", LockLLMException.DEFAULT_TYPE, "scan_failed", 500,
          clientRequestId), clientRequestId);
    }
  }

  /**
   * The 413 answer for a body over {@link #maxBodyBytes()}, for servers that refuse it on its
   * {@code Content-Length} (or while counting it) instead of reading it whole into {@link #handle}.
   */
  public Answer payloadTooLarge(Function<String, String> header) {
    return error(InvalidRequestErrors.payloadTooLarge(maxBodyBytes), header.apply(LockLLMHeaders.REQUEST_ID));
  }

  /**
   * The scanner's answer. A remote scanner's verdict (a block) is the caller's answer; any other of
   * its errors (its key refused, its rate limit, its outage) concerns this server's own account, not
   * the caller: 503 with no word of the remote's message.
   */
  private ScanResponse scan(ScanRequest request) {
    try {
      return scanner.scan(request);
    } catch (LockLLMException e) {
      if (e.isVerdict()) {
        throw e;
      }
      log.warn("LockLLM scan server's scanner failed ({} {}, status {})", e.getClass().getSimpleName(), e.code(),
          e.status());
      throw LockLLMException.scannerUnavailable("The scanner is unavailable");
    }
  }

  private void authenticate(Function<String, String> header, String requestId) {
    if (apiKey == null) {
      return;
    }
    String given = header.apply("Authorization");
    if (given != null && given.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = given.substring(7).trim();
    } else {
      given = header.apply("x-api-key");
    }
    if (given == null || !MessageDigest.isEqual(apiKey, given.trim().getBytes(StandardCharsets.UTF_8))) {
      throw new AuthenticationException("Invalid or missing API key", requestId);
    }
  }

  private ScanRequest parse(Function<String, String> header, byte[] body) {
    JsonNode json = this.json.readObject(body);
    JsonNode input = json.has("input") ? json.get("input") : json.has("text") ? json.get("text") : json.get("inputs");
    if (input == null || !input.isTextual() || input.asText().isEmpty()) {
      throw InvalidRequestErrors.promptNotFound("the body needs a non-empty string \"input\"");
    }
    ScanOptions.Builder options = ScanOptions.from(ProxyOptions.fromHeaders(header).scan());
    JsonNode sensitivity = json.get("sensitivity");
    if (sensitivity != null && !sensitivity.isNull()) {
      try {
        options.sensitivity(Sensitivity.fromWire(sensitivity.asText()));
      } catch (IllegalArgumentException e) {
        throw InvalidRequestErrors.invalidJson("\"sensitivity\" must be low, medium or high");
      }
    }
    JsonNode chunk = json.get("chunk");
    if (chunk != null && chunk.isBoolean()) {
      options.chunk(chunk.asBoolean());
    }
    return ScanRequest.of(input.asText(), options.build());
  }

  /** The error answer; the client's request id is echoed even on errors raised before it was known. */
  private static Answer error(LockLLMException e, String clientRequestId) {
    ErrorResponse response = LockLLMErrors.toResponse(e);
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    if (clientRequestId != null && !clientRequestId.isBlank()) {
      headers.putIfAbsent(LockLLMHeaders.REQUEST_ID, clientRequestId);
    }
    return new Answer(response.status(), response.body(), headers);
  }
}
