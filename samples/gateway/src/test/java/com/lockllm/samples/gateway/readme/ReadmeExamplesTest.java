package com.lockllm.samples.gateway.readme;

import static org.assertj.core.api.Assertions.assertThat;

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
 * for the test's), and the status, the {@code # Name: value} headers and the other {@code # } lines
 * (the body) written under it must match: a header value of {@code ...} matches any value, every
 * JSON member a body line prints must be in the body, and a body line with none (such as
 * {@code data: [DONE]}) must appear as printed; a body line {@code !text} says {@code text} must not
 * appear. A block that starts with {@code # (gateway started with --a=b --c=d)} runs against a
 * gateway started with those arguments. A README example that stops working, or answers other than
 * printed, fails the build.
 */
class ReadmeExamplesTest extends ReadmeGateway {
  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern STATUS = Pattern.compile("(?m)^# HTTP/1\\.1 (\\d{3})");
  /** A header line: a capitalised name ("data: ..." in an event stream is body, not a header). */
  private static final Pattern HEADER = Pattern.compile("(?m)^# ([A-Z][A-Za-z0-9-]*): (.+)$");
  private static final Pattern COMMENT = Pattern.compile("(?m)^# (.+)$");
  private static final Pattern STARTED_WITH = Pattern.compile("\\A# \\(gateway started with (.+)\\)\\n");
  /**
   * A JSON member of a printed body: a key with a string, number, boolean or null, or with the
   * opening bracket of an object or array. The README leaves members out, so each printed member
   * must be in the body (compact JSON, as the gateway writes it); a printed value of {@code "..."}
   * matches any string.
   */
  private static final Pattern MEMBER =
      Pattern.compile("\"([^\"]+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9][0-9.]*|[\\[{])");

  @TestFactory
  Stream<DynamicTest> everyCurlExampleWorksAsPrinted() throws IOException {
    Path readme = readme();
    assertThat(readme).as("the root README").exists();
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
      List<String> body = new ArrayList<>();
      Matcher c = COMMENT.matcher(text.substring(status.end()));
      while (c.find()) {
        if (!HEADER.matcher(c.group()).matches()) {
          body.add(c.group(1).strip());
        }
      }
      Matcher with = STARTED_WITH.matcher(command);
      List<String> args = with.find() ? List.of(with.group(1).strip().split("\\s+")) : List.of();
      tests.add(DynamicTest.dynamicTest(command.lines().filter(l -> !l.startsWith("#")).findFirst().orElse(command),
          () -> run(command, args.isEmpty() ? port : portWith(args), expected, headers, body)));
    }
    assertThat(tests).as("curl examples in the README").isNotEmpty();
    return tests.stream();
  }

  private static void run(String command, int port, int expectedStatus, List<String[]> expectedHeaders,
      List<String> expectedBody) throws Exception {
    String local = command.replace("localhost:8080", "127.0.0.1:" + port);
    Process p = new ProcessBuilder("bash", "-c", local).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit of: %s%n%s", local, out).isZero();
    String[] parts = out.split("\\r?\\n\\r?\\n", 2);
    String head = parts[0];
    assertThat(head).as("response to: %s", local).startsWith("HTTP/1.1 " + expectedStatus);
    for (String[] header : expectedHeaders) {
      Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(header[0]) + ": (.*)$").matcher(head);
      assertThat(m.find()).as("header %s in%n%s", header[0], head).isTrue();
      if (!header[1].equals("...")) {
        assertThat(m.group(1).strip().toLowerCase(Locale.ROOT)).as(header[0]).isEqualTo(header[1].toLowerCase(Locale.ROOT));
      }
    }
    String body = parts.length > 1 ? parts[1] : "";
    for (String line : expectedBody) {
      Matcher member = MEMBER.matcher(line);
      boolean json = false;
      while (member.find()) {
        json = true;
        String value = member.group(2);
        String expected = "\"" + member.group(1) + "\":" + (value.equals("\"...\"") ? "\"" : value);
        assertThat(body).as("%s (the README prints %s)", expected, line).contains(expected);
      }
      if (line.startsWith("!")) {
        assertThat(body).as("the README says %s is not in the body", line.substring(1)).doesNotContain(line.substring(1));
      } else if (!json && !line.equals("...")) {
        assertThat(body).as("the README's %s", line).contains(line);
      }
    }
  }
}
