package com.lockllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Internal packages stay inside their module: no other module of the repository, main or test
 * code, imports {@code com.lockllm.internal} or another module's {@code impl} package. Read from the
 * sources, so one test covers every module, samples included.
 */
class ModuleBoundariesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(com\\.lockllm\\.[\\w.]+);", Pattern.MULTILINE);

  @Test
  void noModuleImportsAnotherModulesInternals() throws IOException {
    assertThat(ROOT.resolve("lockllm-core/pom.xml")).as("run from lockllm-core").exists();
    List<String> violations;
    try (Stream<Path> files = Files.walk(ROOT)) {
      violations = files
          .filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
          .flatMap(ModuleBoundariesTest::violations)
          .toList();
    }
    assertThat(violations).isEmpty();
  }

  private static Stream<String> violations(Path file) {
    String module = ROOT.relativize(file).toString().replaceFirst("/src/.*", "");
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = IMPORT.matcher(source);
    Stream.Builder<String> found = Stream.builder();
    while (m.find()) {
      String imported = m.group(1);
      boolean internal = imported.startsWith("com.lockllm.internal.") && !module.equals("lockllm-core");
      String owner = ownerOfImpl(imported);
      boolean foreignImpl = owner != null && !module.equals(owner);
      if (internal || foreignImpl) {
        found.add(ROOT.relativize(file) + " imports " + imported);
      }
    }
    return found.build();
  }

  /** The module an {@code impl} package belongs to ({@code com.lockllm.vertx.impl} is lockllm-vertx's). */
  private static String ownerOfImpl(String imported) {
    Matcher m = Pattern.compile("^com\\.lockllm\\.(\\w+)\\.impl\\.").matcher(imported);
    return m.find() ? "lockllm-" + m.group(1) : null;
  }
}
