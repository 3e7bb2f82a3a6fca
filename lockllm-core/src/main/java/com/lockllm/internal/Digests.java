package com.lockllm.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short digests for keys that must not carry what they name (API keys, prompts). Not API. */
public final class Digests {
  private Digests() {}

  /** The first {@code bytes} bytes of {@code value}'s SHA-256, in hex. */
  public static String sha256Hex(String value, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
