package com.lockllm.engine.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers found by libphonenumber ({@code findNumbers}, default region US, leniency {@code
 * VALID}): international numbers with {@code +} and US national numbers. Not API.
 */
final class PhoneRecognizer implements Recognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** A dotted quad reads as an IPv4 address, not a phone number. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  @Override
  public void find(String text, List<PiiEntity> out) {
    if (Validators.digits(text, 0, text.length()) < 7) {
      return;
    }
    for (PhoneNumberMatch m : UTIL.findNumbers(text, "US", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      String raw = m.rawString();
      // Bare digit runs (no punctuation, no +) are order numbers as often as phones: leave those
      // to the context-gated patterns.
      boolean formatted = false;
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c < '0' || c > '9') {
          formatted = true;
          break;
        }
      }
      if (formatted && !IPV4.matcher(raw).matches() && Validators.digits(raw, 0, raw.length()) >= 8) {
        out.add(new PiiEntity(PiiTypes.PHONE_NUMBER, m.start(), m.end()));
      }
    }
  }
}
