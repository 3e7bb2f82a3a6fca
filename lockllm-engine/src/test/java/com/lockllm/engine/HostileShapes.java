package com.lockllm.engine;

import java.util.Random;

/** Text shapes that have made detectors slow: digit soup, phone-like groups, '@' soup, ... (fixed seed). */
public enum HostileShapes {
  PROSE, DIGIT_SOUP, PHONE_GROUPS, DIGIT_GROUPS, PLUS_DIGITS, AT_SOUP, IBAN_LIKE, LONG_TOKEN, NO_SPACES,
  SEPARATORS, BRACKETS, WHITESPACE, EMOJI_COMBINING, CAPITALISED_WORDS;

  private static final String[] WORDS = ("the quick brown fox jumps over lazy dog and then calls Mary Johnson"
      + " at home about 12 Oak Street").split(" ");
  private static final String[] CAPITALISED = {"Mary", "John", "Street", "Via", "Rue", "Apt", "St"};

  /** {@code chars} characters (one fewer where a surrogate pair would be cut) of this shape. */
  public String text(int chars) {
    Random r = new Random(42);
    StringBuilder b = new StringBuilder(chars + 64);
    while (b.length() < chars) {
      switch (this) {
        case PROSE -> b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(12) == 0 ? ". " : " ");
        case DIGIT_SOUP -> b.append((char) ('0' + r.nextInt(10))).append(' ');
        case PHONE_GROUPS -> b.append(100 + r.nextInt(900)).append(r.nextBoolean() ? ' ' : '-')
            .append(100 + r.nextInt(900)).append('-').append(1000 + r.nextInt(9000)).append(' ');
        case DIGIT_GROUPS -> {
          for (int i = 2 + r.nextInt(4); i > 0; i--) {
            b.append((char) ('0' + r.nextInt(10)));
          }
          b.append(" .-".charAt(r.nextInt(3)));
        }
        case PLUS_DIGITS -> b.append("+1 ").append(r.nextInt(10)).append(' ');
        case AT_SOUP -> b.append('a').append(r.nextInt(10)).append('@').append(r.nextInt(5) == 0 ? "b.c" : "");
        case IBAN_LIKE -> {
          b.append("DE").append(10 + r.nextInt(90));
          for (int i = 0; i < 6; i++) {
            b.append(' ').append(1000 + r.nextInt(9000));
          }
          b.append(' ');
        }
        case LONG_TOKEN -> b.append('a');
        case NO_SPACES -> b.append((char) (33 + r.nextInt(94)));
        case SEPARATORS -> b.append("-. ");
        case BRACKETS -> b.append(b.length() < chars / 2 ? '[' : ']');
        case WHITESPACE -> b.append(b.length() == 0 ? 'a' : b.length() == chars - 1 ? 'b' : ' ');
        case EMOJI_COMBINING -> b.appendCodePoint(0x1F600 + r.nextInt(60)).append("\u0301\u0308");
        case CAPITALISED_WORDS -> b.append(CAPITALISED[r.nextInt(CAPITALISED.length)]).append(' ')
            .append(r.nextInt(100)).append(' ');
      }
    }
    int end = Math.min(b.length(), chars);
    if (end > 0 && end < b.length() && Character.isHighSurrogate(b.charAt(end - 1))) {
      end--;
    }
    return b.substring(0, end);
  }
}
