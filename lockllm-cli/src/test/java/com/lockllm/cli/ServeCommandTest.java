package com.lockllm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.client.LockLLMClient;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import com.lockllm.testing.ScanServerContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code lockllm serve} started in-process on port 0 as the command line runs it, with a key and a
 * custom policy file, against the scan-server contract; and what only the CLI's server does: health,
 * 404 and 405, usage errors, and, run as a separate process, the printed port and the stop on SIGTERM.
 */
class ServeCommandTest extends ScanServerContract {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger exitCode = new AtomicInteger(-1);
  private Thread serving;

  @Override
  protected URI start() throws Exception {
    Path policies = Files.createTempFile("policies", ".properties");
    StringBuilder file = new StringBuilder();
    policySettings().forEach((name, value) -> file.append(name).append('=').append(value).append('\n'));
    Files.writeString(policies, file);
    StringWriter err = new StringWriter();
    serving = new Thread(() -> exitCode.set(LockLLMCli.commandLine().setErr(new PrintWriter(err, true))
        .execute("serve", "--port", "0", "--api-key", KEY, "--policies", policies.toString(), "--threads", "4")));
    serving.start();
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!m.reset(err.toString()).find()) {
      assertThat(serving.isAlive() && System.nanoTime() < deadline).as("serve printed: " + err).isTrue();
      Thread.sleep(20);
    }
    Files.delete(policies);
    return URI.create(m.group(1));
  }

  @Override
  protected void stop() throws Exception {
    serving.interrupt();
    serving.join(10_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(exitCode.get()).isZero();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(baseUrl().resolve("/health")).build(),
        HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthOtherMethodsAndOtherPaths() throws Exception {
    HttpResponse<String> health = send(HttpRequest.newBuilder(baseUrl().resolve("/health")));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

    HttpResponse<String> get = send(HttpRequest.newBuilder(baseUrl().resolve("/v1/scan")));
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(get.body()).contains("\"code\":\"method_not_allowed\"");

    assertThat(send(HttpRequest.newBuilder(baseUrl().resolve("/health")).POST(HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isEqualTo(405);
    HttpResponse<String> missing = send(HttpRequest.newBuilder(baseUrl().resolve("/v2/scan")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"not_found\"");
  }

  @Test
  void usageErrorsExitWith2() {
    StringWriter err = new StringWriter();
    int exit = LockLLMCli.commandLine().setErr(new PrintWriter(err, true)).execute("serve", "--port", "70000");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--port");
    assertThat(LockLLMCli.commandLine().setErr(new PrintWriter(new StringWriter())).execute("serve")).isEqualTo(2);
  }

  @Test
  void asAProcessItPrintsTheRealPortAndStopsCleanlyOnSigterm() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockLLMCli.class.getName(), "serve", "--port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      String line = err.readLine();
      // Java 24+ warns on stderr (ONNX Runtime's System.load) before the process's first line
      while (line != null && (line.startsWith("WARNING:") || line.isBlank())) {
        line = err.readLine();
      }
      assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      URI url = URI.create(line.substring("listening on ".length()));
      assertThat(url.getPort()).isPositive();
      ScanResponse response = LockLLMClient.builder().apiKey("none-needed").baseUrl(url.toString()).build()
          .scan(ATTACK, ScanOptions.empty());
      assertThat(response.label()).isEqualTo(1);

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
          HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
    } finally {
      process.destroyForcibly();
    }
  }
}
