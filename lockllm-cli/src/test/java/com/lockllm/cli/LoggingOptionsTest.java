package com.lockllm.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -v}: a library's warning (the client's circuit breaker opening after five failed calls) on
 * standard error with it, nowhere without it, and never on standard output, where the results go.
 */
class LoggingOptionsTest {
  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  Path in;

  @BeforeEach
  void failingApi() throws Exception {
    api.stubFor(post(urlEqualTo("/v1/scan")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"api_error\",\"code\":\"internal_error\"}}")));
    in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"text\":\"hello\"}\n".repeat(6));
  }

  /** Standard output and standard error of one run, as {@code [out, err]}. */
  String[] run(String... verbosity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      String[] args = {"scan", "--jsonl", in.toString(), "--progress", "off", "--base-url", api.baseUrl(),
          "--api-key", "sk_cli_test_key_0004", "--max-retries", "0"};
      String[] all = FailOnTest.concat(args, verbosity);
      assertThat(LockLLMCli.commandLine().execute(all)).isZero();
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void libraryLogsGoToStandardErrorOnlyWhenVerbose() {
    String[] quiet = run();
    assertThat(quiet[1]).isEmpty();
    assertThat(quiet[0].lines()).hasSize(6).allMatch(line -> line.startsWith("{\"error\":"));

    String[] verbose = run("--verbose");
    assertThat(verbose[1]).contains("WARN  com.lockllm.client.LockLLMClient - LockLLM API circuit breaker open after 5 failed calls")
        .doesNotContain("DEBUG");
    assertThat(verbose[0].lines()).hasSize(6).allMatch(line -> line.startsWith("{\"error\":"));

    String[] debug = run("-vv");
    assertThat(debug[1]).contains("WARN ", "DEBUG com.lockllm.client.LockLLMClient - LockLLM scan ");
    assertThat(debug[0]).doesNotContain("DEBUG", "WARN");

    assertThat(run()[1]).as("the next run without -v is quiet again").isEmpty();
  }
}
