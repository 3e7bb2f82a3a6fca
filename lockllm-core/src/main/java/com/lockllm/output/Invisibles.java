package com.lockllm.output;

/**
 * Characters that render as nothing, which a model can be told to slip between the letters of a
 * canary or a quoted system prompt to get it past a literal comparison: format characters (zero-width
 * space and joiners, word joiner, soft hyphen, bidi controls, byte order mark, tag characters),
 * variation selectors, the combining grapheme joiner and the Hangul fillers. Not API.
 */
final class Invisibles {
  private Invisibles() {}

  /** The length in chars of the invisible code point at {@code i} (2 for a tag character), or 0. */
  static int at(CharSequence text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
      return invisible(Character.toCodePoint(c, text.charAt(i + 1))) ? 2 : 0;
    }
    return invisible(c) ? 1 : 0;
  }

  static boolean invisible(int codePoint) {
    return Character.getType(codePoint) == Character.FORMAT
        || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
        || codePoint == 0x034F || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0;
  }

  /** Whether {@code text} holds an invisible code point. */
  static boolean any(CharSequence text) {
    return text.codePoints().anyMatch(Invisibles::invisible);
  }
}
