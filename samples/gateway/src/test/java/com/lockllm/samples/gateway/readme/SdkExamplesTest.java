package com.lockllm.samples.gateway.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the root README's JavaScript example, as printed, with the official OpenAI and Anthropic
 * SDKs (versions pinned in {@code samples/gateway/sdk/package-lock.json}, installed with {@code npm
 * ci} under {@code target/}) against the gateway: every {@code console.log(...); // text} line must
 * print {@code text}. Without Node.js and npm the test fails when {@code CI=true} and is skipped
 * otherwise.
 */
class SdkExamplesTest extends ReadmeGateway {
  private static final Pattern JS_BLOCK = Pattern.compile("```js\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern EXPECTED = Pattern.compile("(?m)console\\.log\\(.*;\\s*// (.+)$");

  @Test
  void theOfficialSdksWorkWithOnlyTheirBaseUrlSwapped() throws Exception {
    boolean node = available("node") && available("npm");
    if (!node && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("node and npm are needed for the SDK examples (Debian: apt-get install nodejs npm)");
    }
    assumeTrue(node, "node and npm not found; skipping the SDK examples");
    Matcher block = JS_BLOCK.matcher(Files.readString(readme(), StandardCharsets.UTF_8));
    assertThat(block.find()).as("a js block in the README").isTrue();
    String example = block.group(1).replace("localhost:8080", "127.0.0.1:" + port);
    List<String> expected = new ArrayList<>();
    Matcher m = EXPECTED.matcher(block.group(1));
    while (m.find()) {
      expected.add(m.group(1).strip());
    }
    assertThat(expected).isNotEmpty();

    Path dir = Path.of("target", "sdk-examples");
    Files.createDirectories(dir);
    for (String file : List.of("package.json", "package-lock.json")) {
      Files.copy(Path.of("sdk", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      run(dir, 300, "npm", "ci", "--no-audit", "--no-fund");
    }
    Files.writeString(dir.resolve("example.mjs"), example);
    String out = run(dir, 60, "node", "example.mjs");
    assertThat(out.lines().map(String::strip).toList()).containsAll(expected);
  }

  private static String run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as("%s%n%s", String.join(" ", command), out).isZero();
    return out;
  }

  private static boolean available(String program) {
    try {
      Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
