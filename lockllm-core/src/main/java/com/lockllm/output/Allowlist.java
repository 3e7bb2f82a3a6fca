package com.lockllm.output;

import com.lockllm.internal.Digests;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Known false positives of the answer-side checks: a finding whose matched text is on the list
 * passes unchanged, and the report still counts it as allowlisted. An entry names the text by the
 * SHA-256 of its {@linkplain #normalise normalised} form (so the list itself holds no secret nor
 * personal data) or by a regular expression the whole match must match; each says who owns it and
 * why, and may be limited to one finding type. A canary and restored placeholders are never
 * allowlisted. Immutable; thread-safe.
 */
public final class Allowlist {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<Entry> entries;

  public Allowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The first entry that passes {@code matched}, found as {@code type}, or {@code null}. */
  public Entry match(String type, CharSequence matched) {
    if (entries.isEmpty()) {
      return null;
    }
    String hash = null;
    for (Entry entry : entries) {
      if (entry.type() != null && !entry.type().equalsIgnoreCase(type) && !type.endsWith(":" + entry.type())) {
        continue;
      }
      if (entry.pattern() != null) {
        if (entry.pattern().matcher(matched).matches()) {
          return entry;
        }
      } else {
        hash = hash == null ? sha256(matched) : hash;
        if (entry.sha256().equals(hash)) {
          return entry;
        }
      }
    }
    return null;
  }

  /** The text as hashed: NFKC, lower case, runs of white space as one space, trimmed. */
  public static String normalise(CharSequence text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(folded).replaceAll(" ").trim();
  }

  /** The hash an entry names {@code text} by: the SHA-256 of its normalised form, in lower-case hex. */
  public static String sha256(CharSequence text) {
    return Digests.sha256Hex(normalise(text), 32);
  }

  /**
   * One allowlisted text.
   *
   * @param sha256 the hash of the text ({@link Allowlist#sha256}), or {@code null} for a pattern
   * @param pattern a regular expression the whole matched text must match, or {@code null} for a hash
   * @param type the finding type it applies to ({@code EMAIL} or {@code pii:EMAIL}), or {@code null} for any
   * @param owner who answers for the entry
   * @param reason why the text is not a finding
   */
  public record Entry(String sha256, Pattern pattern, String type, String owner, String reason) {
    public Entry {
      if ((sha256 == null) == (pattern == null)) {
        throw new IllegalArgumentException("an allowlist entry has a sha256 or a pattern, not both");
      }
      if (sha256 != null) {
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
          throw new IllegalArgumentException("an allowlist sha256 is 64 hex digits");
        }
      }
      if (owner == null || owner.isBlank() || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("an allowlist entry needs an owner and a reason");
      }
      type = type == null || type.isBlank() ? null : type;
    }

    /** An entry for the text whose normalised hash is {@code sha256}. */
    public static Entry hash(String sha256, String owner, String reason) {
      return new Entry(Objects.requireNonNull(sha256, "sha256"), null, null, owner, reason);
    }

    /** An entry for text matching {@code regex} as a whole. */
    public static Entry pattern(String regex, String owner, String reason) {
      return new Entry(null, Pattern.compile(regex), null, owner, reason);
    }

    /** This entry, limited to findings of {@code type}. */
    public Entry forType(String type) {
      return new Entry(sha256, pattern, type, owner, reason);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && Objects.equals(sha256, e.sha256) && Objects.equals(source(), e.source())
          && Objects.equals(type, e.type) && owner.equals(e.owner) && reason.equals(e.reason);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sha256, source(), type, owner, reason);
    }

    private String source() {
      return pattern == null ? null : pattern.pattern();
    }
  }
}
