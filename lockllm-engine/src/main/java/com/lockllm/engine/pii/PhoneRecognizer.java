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
 */
final class PhoneRecognizer implements Recognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
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
  public void find(String text, List<PiiEntity> out) {
    if (Validators.digits(text, 0, text.length()) < 7) {
      return;
    }
    for (PhoneNumberMatch m : UTIL.findNumbers(text, "US", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      String raw = m.rawString();
      if (formatted(raw) && !IPV4.matcher(raw).matches() && Validators.digits(raw, 0, raw.length()) >= 8) {
        out.add(new PiiEntity(PiiTypes.PHONE_NUMBER, m.start(), m.end()));
      }
    }
    Matcher m = GROUPED.matcher(text);
    boolean more = m.find();
    while (more) {
      String raw = m.group();
      String number = m.group("ext") == null ? raw : raw.substring(0, m.start("ext") - m.start());
      int digits = Validators.digits(number, 0, number.length());
      boolean marked = m.group("cc") != null || m.group("area") != null || groups(number) >= 3
          || PiiDetector.nearPhoneWord(text, m.start()) || LABEL_AFTER.matcher(text).region(m.end(), text.length()).lookingAt();
      if (digits >= 7 && digits <= 15 && marked && !IPV4.matcher(raw).matches()
          && !DATE.matcher(number).matches() && !THOUSANDS.matcher(number).matches()
          && !SSN_SHAPE.matcher(number).matches() && !afterUnitWord(text, m.start())
          && valid(number, m.group("cc") != null)) {
        out.add(new PiiEntity(PiiTypes.PHONE_NUMBER, m.start(), m.end()));
        more = m.find();
      } else if (postcodeFirst(raw)) {
        // a postcode may run into the phone number after it ("34796 (37) 788-063"): retry after it
        more = m.find(m.start() + 6);
      } else {
        more = m.find();
      }
    }
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

  /** Whether {@code number} is valid with its country code, or in one of {@link #REGIONS}. */
  private static boolean valid(String number, boolean international) {
    if (international) {
      return validIn(number.replace("(0)", ""), "ZZ");
    }
    for (String region : REGIONS) {
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
