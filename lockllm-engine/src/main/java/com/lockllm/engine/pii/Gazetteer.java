package com.lockllm.engine.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * US first names and surnames (smashew/NameDatabases, US Census 1990 first names and US surnames,
 * Unlicense), shipped as gzip'd sorted lower-case lists built by {@code tools/build_gazetteer.py}.
 * Loaded once. Not API.
 */
final class Gazetteer {
  static final Set<String> FIRST_NAMES = load("first_names.txt.gz");
  static final Set<String> LAST_NAMES = load("last_names.txt.gz");

  private Gazetteer() {}

  static boolean firstName(String word) {
    return FIRST_NAMES.contains(word.toLowerCase(Locale.ROOT));
  }

  static boolean lastName(String word) {
    return LAST_NAMES.contains(word.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load(String name) {
    try (InputStream in = Gazetteer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing gazetteer resource " + name);
      }
      Set<String> out = new HashSet<>(1 << 17);
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.isEmpty()) {
            out.add(line);
          }
        }
      }
      return Set.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
