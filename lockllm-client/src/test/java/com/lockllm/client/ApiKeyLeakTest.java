package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.lockllm.scan.ScanOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key must not show up in logs, exception messages or toString, whatever goes wrong. */
class ApiKeyLeakTest extends ClientTestSupport {
  @RegisterExtension
  final CapturedLogs logs = new CapturedLogs();

  @Test
  void keyNeverLeaks() {
    // No breaker: it would open before the timeout cases and spare them the paths under test.
    LockLLMClient client = client().maxRetries(1).timeout(Duration.ofMillis(200)).noCircuitBreaker().build();
    List<Throwable> failures = new ArrayList<>();
    String[] bodies = {
      AUTH_ERROR_JSON,
      "{\"error\":{\"message\":\"Slow down\",\"type\":\"rate_limit_error\"}}",
      "not json at all",
      "{\"error\":\"flat_code\"}",
    };
    int[] statuses = {401, 429, 500, 503};
    for (int i = 0; i < statuses.length; i++) {
      answer(json(statuses[i], bodies[i]));
      failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
      failures.add(asyncFailure(client));
    }
    answer(json(200, "{broken"));
    failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
    // An API that echoes the key it was given, whole or masked, in a message, a code or a parse error
    answer(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + "\",\"code\":\""
        + API_KEY.substring(0, 10) + "***\"}}"));
    failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
    answer(json(400, "{\"error\":{\"message\":\"key ***" + API_KEY.substring(API_KEY.length() - 9) + "\"}}"));
    failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
    answer(json(200, API_KEY).withHeader("X-Request-Id", API_KEY));
    failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
    answer(json(200, SAFE_JSON).withFixedDelay(1_000));
    failures.add(failure(() -> client.scan("x", ScanOptions.empty())));
    failures.add(asyncFailure(client));

    assertThat(failures).hasSize(14).doesNotContainNull();
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY, API_KEY.substring(0, 8),
            API_KEY.substring(API_KEY.length() - 8));
        assertThat(t.toString()).doesNotContain(API_KEY);
      }
    }
    assertThat(logs.events()).isNotEmpty();
    for (ILoggingEvent event : logs.events()) {
      assertThat(event.getFormattedMessage()).doesNotContain(API_KEY);
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
      }
    }
    assertThat(client.toString()).doesNotContain(API_KEY);
    assertThat(RemoteScanner.create(client).toString()).doesNotContain(API_KEY);
  }

  private static Throwable failure(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Throwable asyncFailure(LockLLMClient client) {
    try {
      client.scanAsync("x", ScanOptions.empty()).toCompletableFuture().join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
