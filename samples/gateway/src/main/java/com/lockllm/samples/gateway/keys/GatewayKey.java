package com.lockllm.samples.gateway.keys;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured client key: its name, the SHA-256 of the key (hex), and its flags. Bound from
 * {@code lockllm.gateway.keys[i].name}, {@code .sha256}, {@code .flags}, or parsed from the short form
 * {@code name:sha256-hex[:flag+flag]} ({@code LOCKLLM_GATEWAY_KEYS}, comma-separated). The key itself
 * is never configured, only its digest. {@link #toString()} shows the name and the flags.
 */
public class GatewayKey {
  /** Names go into logs, metrics and abuse counters: short, printable, no separators of ours. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private String name;
  private String sha256;
  private Set<String> flags = new LinkedHashSet<>();
  /** False for a short form without two or three parts. */
  private boolean shape = true;

  public GatewayKey() {}

  GatewayKey(String name, String sha256, Set<String> flags) {
    this.name = name;
    this.sha256 = sha256;
    this.flags = new LinkedHashSet<>(flags);
  }

  /**
   * {@code name:sha256-hex} or {@code name:sha256-hex:flag+flag}. Never fails (a failure while
   * binding would print the value, and a key pasted in place of its digest must not reach a log):
   * what is wrong is reported by the check at start, which never quotes the digest part.
   */
  public static GatewayKey parse(String entry) {
    String[] parts = entry.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      GatewayKey malformed = new GatewayKey(parts[0].strip(), null, Set.of());
      malformed.shape = false;
      return malformed;
    }
    Set<String> flags = new LinkedHashSet<>();
    if (parts.length == 3 && !parts[2].isBlank()) {
      for (String flag : parts[2].split("\\+")) {
        flags.add(flag.strip());
      }
    }
    return new GatewayKey(parts[0].strip(), parts[1].strip(), flags);
  }

  /** Client's name: used as its abuse client key ({@code key:<name>}), in logs and in metrics. */
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** SHA-256 of the key's UTF-8 bytes, 64 hex digits: {@code printf %s "$KEY" | sha256sum}. */
  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }

  /** Flags: {@code trusted}, {@code admin}. */
  public Set<String> getFlags() {
    return flags;
  }

  public void setFlags(Set<String> flags) {
    this.flags = flags == null ? new LinkedHashSet<>() : flags;
  }

  /** Nothing given: an empty {@code LOCKLLM_GATEWAY_KEYS}, or an empty item between two commas. */
  boolean blank() {
    return (name == null || name.isBlank()) && (sha256 == null || sha256.isBlank()) && flags.isEmpty();
  }

  /**
   * The checked entry.
   *
   * @throws IllegalArgumentException naming {@code where} (e.g. {@code lockllm.gateway.keys[0]}) and what is wrong
   */
  KeyEntry validate(String where) {
    if (!shape) {
      throw new IllegalArgumentException(where + ": not name:sha256-hex or name:sha256-hex:flag+flag");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(where + ": the name must be 1 to 64 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit");
    }
    if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException(where + " (" + name + "): sha256 must be the key's SHA-256 as 64 hex digits "
          + "(printf %s \"$KEY\" | sha256sum | cut -c1-64), never the key itself");
    }
    Set<KeyFlag> parsed = EnumSet.noneOf(KeyFlag.class);
    for (String flag : flags) {
      try {
        parsed.add(KeyFlag.fromWire(flag));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " (" + name + "): unknown flag '" + printable(flag)
            + "'; flags are " + java.util.Arrays.stream(KeyFlag.values()).map(KeyFlag::wire).toList());
      }
    }
    return new KeyEntry(name, HexFormat.of().parseHex(sha256.toLowerCase(Locale.ROOT)), parsed);
  }

  private static String printable(String s) {
    String cut = s.length() > 32 ? s.substring(0, 32) : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  @Override
  public String toString() {
    return "GatewayKey[" + name + ", flags=" + flags + "]";
  }
}
