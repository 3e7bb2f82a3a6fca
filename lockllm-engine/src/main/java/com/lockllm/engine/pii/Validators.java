package com.lockllm.engine.pii;

/** Checksums and numbering rules that tell real identifiers from look-alike digit runs. Not API. */
final class Validators {
  private Validators() {}

  /** Whether the digits of {@code s} (other characters ignored) pass the Luhn check. */
  static boolean luhn(CharSequence s) {
    int sum = 0;
    boolean twice = false;
    int digits = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /**
   * Whether area, group and serial form an issuable US social security number: area not 000, 666
   * or 900–999; group not 00; serial not 0000.
   */
  static boolean ssn(int area, int group, int serial) {
    return area > 0 && area != 666 && area < 900 && group > 0 && serial > 0;
  }

  /** The number of ASCII digits in {@code s[start, end)}. */
  static int digits(CharSequence s, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code s} (spaces ignored) is an IBAN: country letters, two check digits, mod 97 == 1. */
  static boolean iban(CharSequence s) {
    StringBuilder b = new StringBuilder(34);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ') {
        b.append(Character.toUpperCase(c));
      }
    }
    if (b.length() < 15 || b.length() > 34) {
      return false;
    }
    String rearranged = b.substring(4) + b.substring(0, 4);
    int mod = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        mod = (mod * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        mod = (mod * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return mod == 1;
  }
}
