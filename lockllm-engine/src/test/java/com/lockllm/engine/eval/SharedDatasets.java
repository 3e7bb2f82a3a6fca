package com.lockllm.engine.eval;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared datasets ({@code lockllm.shared.dir}/datasets) the evaluations read. When they are
 * missing an evaluation is skipped on a developer machine but fails under {@code CI=true}, as the
 * Redis, Chromium and Node checks do: a skip there would let every accuracy floor vanish from a
 * green build.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The datasets folder; skips the calling test (fails it under CI) when it is absent. */
  public static Path dir() {
    Path dir = dirOrNull();
    require(dir != null, "shared datasets not found (lockllm.shared.dir="
        + System.getProperty("lockllm.shared.dir") + ")");
    return dir;
  }

  /** One dataset file; skips the calling test (fails it under CI) when it is absent. */
  public static Path file(String name) {
    Path file = dir().resolve(name);
    require(Files.exists(file), "shared dataset " + file + " not found");
    return file;
  }

  /**
   * One dataset file, or null when it is absent outside CI, for evaluations that also measure
   * generated sets and should not be skipped whole for want of it.
   */
  public static Path optionalFile(String name) {
    Path dir = dirOrNull();
    Path file = dir == null ? null : dir.resolve(name);
    if (file != null && Files.exists(file)) {
      return file;
    }
    failUnderCi("shared dataset " + name + " not found");
    return null;
  }

  private static Path dirOrNull() {
    String shared = System.getProperty("lockllm.shared.dir");
    Path dir = shared == null ? null : Paths.get(shared, "datasets");
    return dir != null && Files.isDirectory(dir) ? dir : null;
  }

  private static void require(boolean present, String message) {
    if (!present) {
      failUnderCi(message);
      Assumptions.abort(message);
    }
  }

  private static void failUnderCi(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " -- required when CI=true");
    }
  }
}
