package com.lockllm.engine.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds personal data with validated patterns: {@value PiiTypes#EMAIL}, {@value
 * PiiTypes#PHONE_NUMBER} (NANP, international with {@code +} or {@code 00}, and other grouped
 * numbers when a phone word stands just before), {@value PiiTypes#CREDIT_CARD} (13–19 digits,
 * Luhn) and {@value PiiTypes#SOCIAL_SECURITY_NUMBER} (area, group and serial rules; bare nine
 * digits only after an SSN word). Entities never overlap: where candidates do, the longer one
 * wins, then the type listed first. Immutable and thread-safe.
 */
public final class PiiDetector {
  private static final Pattern PHONE_CONTEXT = Pattern.compile(
      "(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|number|contact|reach|text|whatsapp)\\b");
  private static final Pattern SSN_CONTEXT =
      Pattern.compile("(?i)\\b(?:ssn|social security|social sec|ss#|ss no)");
  private static final int CONTEXT_CHARS = 30;

  private static final List<Recognizer> RECOGNIZERS = List.of(
      new PatternRecognizer(PiiTypes.EMAIL, Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\\.)+"
              + "[A-Za-z]{2,24}(?![A-Za-z0-9-])"),
          (text, m) -> true),
      new PatternRecognizer(PiiTypes.CREDIT_CARD, Pattern.compile(
          "(?<![\\d.-])[1-9](?:[ -]?\\d){12,18}(?![\\d-])"),
          (text, m) -> cardNumber(text, m.start(), m.end())),
      new PatternRecognizer(PiiTypes.SOCIAL_SECURITY_NUMBER, Pattern.compile(
          "(?<![\\d-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\d-])"),
          (text, m) -> Validators.ssn(
                  Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)))
              && (!m.group(2).isEmpty() || near(SSN_CONTEXT, text, m.start()))),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, Pattern.compile(
          "(?<![\\w+])(?:(?:\\+|00)1[ .-]?|1[ .-])?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})[ .-]?"
              + "[2-9]\\d{2}[ .-]?\\d{4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,6})?(?![\\w-])"),
          (text, m) -> formatted(text, m.start(), m.end()) || near(PHONE_CONTEXT, text, m.start())),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, Pattern.compile(
          "(?<![\\w+])(?:\\+|00)[1-9]\\d{0,2}+(?:[ .-]?\\(?\\d{1,4}+\\)?){2,6}+(?![\\w-])"),
          (text, m) -> between(Validators.digits(text, m.start(), m.end())
              - (text.startsWith("00", m.start()) ? 2 : 0), 8, 15)),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, Pattern.compile(
          "(?<![\\w+.-])\\(?\\d{2,4}+\\)?(?:[ .-]\\d{2,4}+){1,4}+(?![\\w-])"),
          (text, m) -> between(Validators.digits(text, m.start(), m.end()), 7, 12)
              && near(PHONE_CONTEXT, text, m.start())));

  private static final PiiDetector INSTANCE = new PiiDetector();

  private PiiDetector() {}

  public static PiiDetector create() {
    return INSTANCE;
  }

  /** The entities in {@code text}, ordered by position, none overlapping another. */
  public List<PiiEntity> detect(String text) {
    List<PiiEntity> candidates = new ArrayList<>();
    for (Recognizer r : RECOGNIZERS) {
      r.find(text, candidates);
    }
    if (candidates.size() < 2) {
      return List.copyOf(candidates);
    }
    // The sort is stable, so among equally long candidates the earlier recognizer wins.
    candidates.sort(Comparator.comparingInt(e -> e.start() - e.end()));
    TreeMap<Integer, PiiEntity> kept = new TreeMap<>();
    for (PiiEntity e : candidates) {
      Map.Entry<Integer, PiiEntity> before = kept.floorEntry(e.start());
      Map.Entry<Integer, PiiEntity> after = kept.ceilingEntry(e.start());
      if ((before == null || before.getValue().end() <= e.start())
          && (after == null || after.getKey() >= e.end())) {
        kept.put(e.start(), e);
      }
    }
    return List.copyOf(kept.values());
  }

  /** {@code text} with each entity replaced by its {@link PiiEntity#placeholder() placeholder}. */
  public static String redact(String text, List<PiiEntity> entities) {
    if (entities.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : entities) {
      b.append(text, at, e.start()).append(e.placeholder());
      at = e.end();
    }
    return b.append(text, at, text.length()).toString();
  }

  private static boolean cardNumber(String text, int start, int end) {
    int digits = Validators.digits(text, start, end);
    if (!between(digits, 13, 19) || !Validators.luhn(text.subSequence(start, end))) {
      return false;
    }
    char first = text.charAt(start);
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && c != first) {
        return true;
      }
    }
    return false;
  }

  /** Whether a phone number carries punctuation or a country prefix, as written numbers do. */
  private static boolean formatted(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return true;
      }
    }
    return false;
  }

  private static boolean near(Pattern context, String text, int start) {
    return context.matcher(text).region(Math.max(0, start - CONTEXT_CHARS), start).find();
  }

  private static boolean between(int n, int min, int max) {
    return n >= min && n <= max;
  }
}
