package com.lockllm.engine.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers validated by libphonenumber. Two passes: {@code findNumbers} (default region US,
 * leniency {@code VALID}) for international numbers with {@code +} and US national numbers; then
 * digit groups written the way phone numbers are (three to five groups joined by spaces, dots or
 * dashes, or two with a {@code +} country code, an {@code (area)}, or a phone word just before or
 * after; optional extension) that are a valid number of one of {@link #REGIONS} in its national
 * format. Two bare groups alone ("675 62314") are as often a unit and a postcode, and bare digit
 * runs as often order numbers: those count only after a phone word (the context patterns in
 * {@link PiiDetector}). Not API.
 *
 * <p>libphonenumber costs 5 to 60 µs per parse attempt, so text dense with digit groups (a megabyte
 * of "1 2 3 ..." or of phone numbers) would cost seconds. Both passes therefore draw on a budget of
 * parse attempts, {@value #BASE_ATTEMPTS} plus one per {@value #CHARS_PER_ATTEMPT} characters for each
 * pass, and {@code findNumbers} runs only on runs of digits and phone punctuation holding at least
 * eight digits. Ordinary prompts never reach the budget; past it, phones are still found by the
 * pattern recognizers of {@link PiiDetector} (NANP and international shapes), not by libphonenumber.
 */
final class PhoneRecognizer implements Recognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** Parse attempts each pass may make on any text, and one more per this many characters. */
  static final int BASE_ATTEMPTS = 1024;
  static final int CHARS_PER_ATTEMPT = 512;
  /** Characters searched on each side of a run of digits: the context and extension libphonenumber reads. */
  private static final int RUN_CONTEXT = 24;
  /** Digits of the shortest number the first pass keeps. */
  private static final int MIN_DIGITS = 8;
  /**
   * Regions whose national formats are tried, most written first: North America, the EU's larger
   * members, the rest of Western Europe and the Nordics, Australia, Brazil, India.
   */
  static final List<String> REGIONS = List.of(
      "US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "DK", "FI", "IE", "PT",
      "PL", "CZ", "HU", "AU", "BR", "IN");
  /** A dotted quad reads as an IPv4 address, not a phone number. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern GROUPED = Pattern.compile(
      "(?<![\\w+./:-])(?<cc>\\+\\d{1,3}[ .-]?)?(?<area>\\((?:0|\\d{1,4})\\)[ .-]?)?\\d{1,5}+"
          + "(?:[ .-]\\(?\\d{2,5}+\\)?){1,4}+(?<ext>\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\w,/:]|[.-]\\d)");
  private static final Pattern SEPARATOR = Pattern.compile("\\d[ .-]+\\(?\\d");
  /** A unit number comes after these, and a street number or postcode after it, not a phone. */
  private static final Pattern UNIT_BEFORE = Pattern.compile(
      "(?i)(?:apt|apartment|suite|ste|unit|flat|room|no|nr|#)\\.?\\s*$"
          // or a token of letters and digits: the groups continue a code ("1Z 999 AA1 0123 4567 84")
          + "|(?:\\S*\\p{L}\\S*\\d|\\S*\\d\\S*\\p{L})\\S*\\s+$");
  /** A phone word right after the number ("-Office", " fax"). */
  private static final Pattern LABEL_AFTER = Pattern.compile("(?i)[-\\s]{0,2}(?:office|fax|mobile|home|work|cell|desk)\\b");
  /** The shape of a Social Security number: one that fails the SSN rules is not a phone either. */
  private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
  /** "5 650 000": a single digit, then thousands. */
  private static final Pattern THOUSANDS = Pattern.compile("\\d(?: \\d{3})+");
  /** Dates and times written with the same separators. */
  private static final Pattern DATE = Pattern.compile(
      "\\d{4}([-./ ])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./ ])\\d{1,2}\\2(?:\\d{2}|\\d{4})");

  @Override
  public void find(SearchText text, List<PiiEntity> out) {
    find(text.value(), out, new int[2]);
  }

  /** The attempts allowed per pass on {@code chars} characters of text. */
  static int budget(int chars) {
    return BASE_ATTEMPTS + chars / CHARS_PER_ATTEMPT;
  }

  /**
   * Finds the phone numbers; {@code attempts[0]} and {@code attempts[1]} receive the parse attempts
   * charged to each pass (for {@code findNumbers} its upper bound, the tries it was allowed).
   */
  void find(String text, List<PiiEntity> out, int[] attempts) {
    if (Validators.digits(text, 0, text.length()) < 7) {
      return;
    }
    attempts[0] = libphonenumber(text, out, budget(text.length()));
    attempts[1] = grouped(text, out, budget(text.length()));
  }

  /**
   * {@code findNumbers} on each run of digits and phone punctuation with enough digits, read with
   * {@value #RUN_CONTEXT} characters around it; a match counts for the run it starts in.
   */
  private static int libphonenumber(String text, List<PiiEntity> out, int budget) {
    int used = 0;
    int n = text.length();
    int i = 0;
    int accepted = 0;
    while (i < n && used < budget) {
      int previousEnd = i;
      while (i < n && !Character.isDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      int digits = 0;
      while (i < n && (Character.isDigit(text.charAt(i)) || phonePunctuation(text.charAt(i)))) {
        if (Character.isDigit(text.charAt(i))) {
          digits++;
        }
        i++;
      }
      if (digits < MIN_DIGITS) {
        continue;
      }
      // a few tries per number the run could hold: a written phone parses at the first or second
      int tries = Math.min(budget - used, 1 + digits / 4);
      used += tries;
      int from = Math.max(0, start - RUN_CONTEXT);
      String window = text.substring(from, Math.min(n, i + RUN_CONTEXT));
      for (PhoneNumberMatch m : UTIL.findNumbers(window, "US", PhoneNumberUtil.Leniency.VALID, tries)) {
        int matchStart = from + m.start();
        String raw = m.rawString();
        if (matchStart >= Math.max(previousEnd, accepted) && matchStart < i && formatted(raw)
            && !IPV4.matcher(raw).matches() && Validators.digits(raw, 0, raw.length()) >= MIN_DIGITS) {
          out.add(new PiiEntity(PiiTypes.PHONE_NUMBER, matchStart, from + m.end()));
          accepted = from + m.end();
        }
      }
    }
    return used;
  }

  /** Characters libphonenumber reads inside a number: spaces, dashes, dots, slashes, brackets, {@code +}. */
  private static boolean phonePunctuation(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '+' || c == '['
        || c == ']' || c == '~' || c == '\u00A0' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212'
        || c == '\u3000' || (c >= '\uFF08' && c <= '\uFF0F');
  }

  /** Digit groups written as phones are, valid in a national format of one of {@link #REGIONS}. */
  private static int grouped(String text, List<PiiEntity> out, int budget) {
    int[] used = {0};
    Matcher m = GROUPED.matcher(text);
    boolean more = m.find();
    while (more && used[0] < budget) {
      String raw = m.group();
      String number = m.group("ext") == null ? raw : raw.substring(0, m.start("ext") - m.start());
      int digits = Validators.digits(number, 0, number.length());
      boolean marked = m.group("cc") != null || m.group("area") != null || groups(number) >= 3
          || PiiDetector.nearPhoneWord(text, m.start()) || LABEL_AFTER.matcher(text).region(m.end(), text.length()).lookingAt();
      if (digits >= 7 && digits <= 15 && marked && !IPV4.matcher(raw).matches()
          && !DATE.matcher(number).matches() && !THOUSANDS.matcher(number).matches()
          && !SSN_SHAPE.matcher(number).matches() && !afterUnitWord(text, m.start())
          && valid(number, m.group("cc") != null, used, budget)) {
        out.add(new PiiEntity(PiiTypes.PHONE_NUMBER, m.start(), m.end()));
        more = m.find();
      } else if (postcodeFirst(raw)) {
        // a postcode may run into the phone number after it ("34796 (37) 788-063"): retry after it
        more = m.find(m.start() + 6);
      } else {
        more = m.find();
      }
    }
    return used[0];
  }

  private static boolean postcodeFirst(String raw) {
    return raw.length() > 6 && raw.charAt(5) == ' ' && Validators.digits(raw, 0, 5) == 5;
  }

  private static boolean afterUnitWord(String text, int start) {
    return UNIT_BEFORE.matcher(text.substring(Math.max(0, start - 24), start)).find();
  }

  private static int groups(String number) {
    Matcher m = SEPARATOR.matcher(number);
    int groups = 1;
    while (m.find()) {
      groups++;
      m.region(m.end() - 1, number.length());
    }
    return groups;
  }

  private static boolean formatted(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code number} is valid with its country code, or in one of {@link #REGIONS}; each
   * parse counts in {@code used[0]}, and none is made past {@code budget}.
   */
  private static boolean valid(String number, boolean international, int[] used, int budget) {
    if (international) {
      used[0]++;
      return validIn(number.replace("(0)", ""), "ZZ");
    }
    for (String region : REGIONS) {
      if (used[0] >= budget) {
        return false;
      }
      used[0]++;
      if (validIn(number, region)) {
        return true;
      }
    }
    return false;
  }

  private static boolean validIn(String number, String region) {
    try {
      PhoneNumber parsed = UTIL.parse(number, region);
      return UTIL.isValidNumber(parsed);
    } catch (NumberParseException e) {
      return false;
    }
  }
}
