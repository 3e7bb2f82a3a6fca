package com.lockllm.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Cuts an API key out of what a server sends back, before it can reach an exception message or a
 * log line: an API that echoes the key it was given, whole or masked to a prefix or suffix, must
 * not leak it through us. Every run of {@value #MIN_RUN} or more consecutive characters of the key
 * becomes {@code ****}; a key shorter than that is cut out only whole.
 */
final class KeyRedactor {
  static final int MIN_RUN = 8;
  private static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final int run;
  /** Every {@code run}-byte window of the key, packed into a long. */
  private final Set<Long> windows = new HashSet<>();

  KeyRedactor(String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.run = Math.min(MIN_RUN, this.key.length);
    for (int i = 0; i + run <= this.key.length; i++) {
      windows.add(pack(this.key, i, run));
    }
  }

  /** {@code body} with the key's runs masked; the same array when there are none. */
  byte[] redact(byte[] body) {
    if (body == null || run == 0 || body.length < run) {
      return body;
    }
    boolean[] covered = null;
    for (int i = 0; i + run <= body.length; i++) {
      if (windows.contains(pack(body, i, run))) {
        if (covered == null) {
          covered = new boolean[body.length];
        }
        for (int j = i; j < i + run; j++) {
          covered[j] = true;
        }
      }
    }
    if (covered == null) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    for (int i = 0; i < body.length; i++) {
      if (!covered[i]) {
        out.write(body[i]);
      } else if (i == 0 || !covered[i - 1]) {
        out.writeBytes(MASK);
      }
    }
    return out.toByteArray();
  }

  /** Whether {@code text} holds the key or a run of it. */
  boolean appearsIn(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return redact(bytes) != bytes;
  }

  private static long pack(byte[] bytes, int from, int length) {
    long packed = 0;
    for (int i = from; i < from + length; i++) {
      packed = (packed << 8) | (bytes[i] & 0xff);
    }
    return packed;
  }
}
