package com.lockllm.intercept;

import com.lockllm.scan.Finding;
import com.lockllm.scan.ScanRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * PII {@code mask}: replaces the personal data a scanner found (its {@code pii:<Type>} findings, at
 * offsets into {@link ScanRequest#input()}) with placeholders such as {@code [EMAIL_1_k3f9]}, and
 * keeps what each stands for. Not API.
 *
 * <p>The type is upper-cased with {@code _} for anything not a letter or digit ({@code Phone Number}
 * becomes {@code PHONE_NUMBER}), numbered per type in order of first appearance in the prompt; the
 * same text twice gets the same placeholder. The last part is a tag of {@value #TAG_CHARS} random
 * base32 characters, one per request, chosen so that no placeholder of the request occurs in its
 * prompt: a look-alike planted in the prompt (or one the model is talked into composing, such as
 * {@code [EMAIL_1]}) is never a placeholder of the request, so its answer restores nothing for it,
 * and a tag cannot be learned from one request and used in another. Short bracketed tokens of this
 * shape are copied verbatim by models far more reliably than longer random ones.
 */
final class Masking {
  static final int TAG_CHARS = 4;
  /** Tags tried before giving up (a prompt holding the endings of many placeholders): then strip applies. */
  private static final int TAG_TRIES = 8;
  private static final String PII_PREFIX = "pii:";
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Comparator<Finding> BY_POSITION =
      Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed());

  /**
   * The masked text of each segment, and each placeholder to the text it replaced.
   *
   * @param texts per segment of the request, in order
   * @param placeholders in order of first appearance
   */
  record Masked(List<String> texts, Map<String, String> placeholders) {}

  private Masking() {}

  /**
   * {@code request}'s segments masked at {@code findings}' personal data, or {@code null} when
   * they cannot be: a span outside one segment's text, or no tag free of the prompt. Findings that
   * overlap are masked as one, under the first one's type.
   */
  static Masked mask(ScanRequest request, List<Finding> findings) {
    return mask(request, findings, Masking::randomTag);
  }

  /** As {@link #mask(ScanRequest, List)}, with the candidate tags from {@code tags}. */
  static Masked mask(ScanRequest request, List<Finding> findings, Supplier<String> tags) {
    List<Finding> pii = new ArrayList<>();
    for (Finding f : findings == null ? List.<Finding>of() : findings) {
      if (f.category() != null && f.category().startsWith(PII_PREFIX) && f.end() > f.start()) {
        pii.add(f);
      }
    }
    pii.sort(BY_POSITION);
    String tag = freeTag(request.input(), tags);
    if (tag == null) {
      return null;
    }
    int segments = request.segments().size();
    List<StringBuilder> out = new ArrayList<>(segments);
    int[] done = new int[segments];
    for (int i = 0; i < segments; i++) {
      out.add(new StringBuilder());
    }
    Map<String, String> byValue = new HashMap<>();
    Map<String, Integer> perType = new HashMap<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    int k = 0;
    while (k < pii.size()) {
      Finding first = pii.get(k);
      int start = first.start();
      int end = first.end();
      for (k++; k < pii.size() && pii.get(k).start() < end; k++) {
        end = Math.max(end, pii.get(k).end());
      }
      int segment = segmentOf(request, start, end);
      if (segment < 0) {
        return null;
      }
      String text = request.segments().get(segment).text();
      int offset = request.segmentStart(segment);
      String value = text.substring(start - offset, end - offset);
      String placeholder = byValue.get(value);
      if (placeholder == null) {
        String type = typeName(first.category().substring(PII_PREFIX.length()));
        int n = perType.merge(type, 1, Integer::sum);
        placeholder = "[" + type + "_" + n + "_" + tag + "]";
        byValue.put(value, placeholder);
        placeholders.put(placeholder, value);
      }
      out.get(segment).append(text, done[segment], start - offset).append(placeholder);
      done[segment] = end - offset;
    }
    List<String> texts = new ArrayList<>(segments);
    for (int i = 0; i < segments; i++) {
      String text = request.segments().get(i).text();
      texts.add(out.get(i).append(text, done[i], text.length()).toString());
    }
    return new Masked(texts, placeholders);
  }

  /** {@code Phone Number} to {@code PHONE_NUMBER}, {@code Driver's License} to {@code DRIVERS_LICENSE}. */
  static String typeName(String type) {
    StringBuilder name = new StringBuilder(type.length());
    boolean gap = false;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c == '\'' || c == '\u2019') {
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (gap && name.length() > 0) {
          name.append('_');
        }
        name.append(Character.toUpperCase(c));
        gap = false;
      } else {
        gap = true;
      }
    }
    return name.length() == 0 ? "PII" : name.toString();
  }

  /** The segment whose text holds {@code [start, end)} of the input, or -1. */
  private static int segmentOf(ScanRequest request, int start, int end) {
    int lo = 0;
    int hi = request.segments().size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (request.segmentStart(mid) <= start) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int offset = request.segmentStart(lo);
    return start >= offset && end <= offset + request.segments().get(lo).text().length() ? lo : -1;
  }

  /** A tag whose placeholders' ending ({@code _tag]}) the prompt does not hold, or {@code null}. */
  private static String freeTag(String input, Supplier<String> tags) {
    for (int attempt = 0; attempt < TAG_TRIES; attempt++) {
      String candidate = tags.get();
      if (!input.contains("_" + candidate + "]")) {
        return candidate;
      }
    }
    return null;
  }

  private static String randomTag() {
    char[] tag = new char[TAG_CHARS];
    for (int i = 0; i < tag.length; i++) {
      tag[i] = BASE32[RANDOM.nextInt(BASE32.length)];
    }
    return new String(tag);
  }
}
