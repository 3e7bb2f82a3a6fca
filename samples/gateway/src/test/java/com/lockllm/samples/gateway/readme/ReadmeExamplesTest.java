package com.lockllm.samples.gateway.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the {@code curl} examples of the root README against the gateway, as printed: each
 * {@code sh} block with a {@code # HTTP/1.1 NNN} comment is run with {@code bash} (the port swapped
 * for the test's), and the status and the {@code # Name: value} headers written under it must match
 * ({@code ...} matches any value). A README example that stops working fails the build.
 */
class ReadmeExamplesTest extends ReadmeGateway {
  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern STATUS = Pattern.compile("(?m)^# HTTP/1\\.1 (\\d{3})");
  /** A header line: a capitalised name ("data: ..." in an event stream is body, not a header). */
  private static final Pattern HEADER = Pattern.compile("(?m)^# ([A-Z][A-Za-z0-9-]*): (.+)$");

  @TestFactory
  Stream<DynamicTest> everyCurlExampleWorksAsPrinted() throws IOException {
    Path readme = readme();
    assumeTrue(Files.exists(readme), "README.md not found at " + readme);
    List<DynamicTest> tests = new ArrayList<>();
    Matcher block = BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
    while (block.find()) {
      String text = block.group(1);
      Matcher status = STATUS.matcher(text);
      if (!text.contains("curl ") || !status.find()) {
        continue;
      }
      String command = text.substring(0, status.start()).strip();
      int expected = Integer.parseInt(status.group(1));
      List<String[]> headers = new ArrayList<>();
      Matcher h = HEADER.matcher(text.substring(status.end()));
      while (h.find()) {
        headers.add(new String[] {h.group(1), h.group(2).strip()});
      }
      tests.add(DynamicTest.dynamicTest(command.lines().findFirst().orElse(command), () -> run(command, expected, headers)));
    }
    assertThat(tests).as("curl examples in the README").isNotEmpty();
    return tests.stream();
  }

  private static void run(String command, int expectedStatus, List<String[]> expectedHeaders) throws Exception {
    String local = command.replace("localhost:8080", "127.0.0.1:" + port);
    Process p = new ProcessBuilder("bash", "-c", local).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit of: %s%n%s", local, out).isZero();
    String head = out.split("\\r?\\n\\r?\\n", 2)[0];
    assertThat(head).as("response to: %s", local).startsWith("HTTP/1.1 " + expectedStatus);
    for (String[] header : expectedHeaders) {
      Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(header[0]) + ": (.*)$").matcher(head);
      assertThat(m.find()).as("header %s in%n%s", header[0], head).isTrue();
      if (!header[1].equals("...")) {
        assertThat(m.group(1).strip().toLowerCase(Locale.ROOT)).as(header[0]).isEqualTo(header[1].toLowerCase(Locale.ROOT));
      }
    }
  }
}
