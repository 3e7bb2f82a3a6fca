package com.lockllm.engine.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-code-point folding tables, built once from ICU data: Latin letters with diacritics to their
 * ASCII base, and look-alike letters of other scripts (Cyrillic, Greek, Armenian, Cherokee) to the
 * ASCII letter they are confusable with. Lookups take lower-case code points. Not API.
 */
final class Folding {
  private static final int TABLE_SIZE = 0x3000;
  private static final int[][] LATIN_RANGES = {
    {0x00C0, 0x024F}, {0x0250, 0x02AF}, {0x1D00, 0x1DBF}, {0x1E00, 0x1EFF}, {0x2C60, 0x2C7F},
    {0xA720, 0xA7FF}, {0xAB30, 0xAB6F}
  };
  private static final int[][] CONFUSABLE_RANGES = {
    {0x0370, 0x03FF}, {0x0400, 0x052F}, {0x0530, 0x058F}, {0x13A0, 0x13FF}, {0xA640, 0xA69F},
    {0xAB70, 0xABBF}
  };

  // Single-letter results live in flat arrays (the common case, no boxing on the hot path);
  // multi-letter results (ß -> ss) and code points above the table go to the maps.
  private static final char[] LATIN = new char[TABLE_SIZE];
  private static final char[] CONFUSABLE = new char[TABLE_SIZE];
  private static final Map<Integer, String> LATIN_WIDE = new HashMap<>();
  private static final Map<Integer, String> CONFUSABLE_WIDE = new HashMap<>();

  static {
    SpoofChecker spoof = new SpoofChecker.Builder().build();
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    Map<String, Character> asciiBySkeleton = new HashMap<>();
    for (char c = 'z'; c >= 'a'; c--) {
      asciiBySkeleton.put(spoof.getSkeleton(String.valueOf(c)), c);
    }
    for (int[] range : LATIN_RANGES) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        if (UCharacter.isLowerCase(cp) || !UCharacter.isUpperCase(cp)) {
          put(cp, latinFold(cp, spoof, nfd, asciiBySkeleton), LATIN, LATIN_WIDE);
        }
      }
    }
    putSpecial(0x00DF, "ss");
    putSpecial(0x00E6, "ae");
    putSpecial(0x0153, "oe");
    putSpecial(0x00F8, "o");
    putSpecial(0x0111, "d");
    putSpecial(0x0142, "l");
    putSpecial(0x00FE, "th");
    for (int[] range : CONFUSABLE_RANGES) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        if (UCharacter.isLetter(cp) && UCharacter.toLowerCase(cp) == cp) {
          String folded = skeletonLetter(cp, spoof, nfd, asciiBySkeleton);
          if (folded != null && folded.length() == 1) {
            put(cp, folded, CONFUSABLE, CONFUSABLE_WIDE);
          }
        }
      }
    }
  }

  private Folding() {}

  /** The ASCII spelling of a lower-case Latin letter with diacritics, or {@code null}. */
  static String latin(int cp) {
    if (cp < TABLE_SIZE) {
      char c = LATIN[cp];
      return c == 0 ? LATIN_WIDE.get(cp) : String.valueOf(c);
    }
    return LATIN_WIDE.get(cp);
  }

  /** The ASCII letter a lower-case letter of another script looks like, or {@code 0}. */
  static char confusable(int cp) {
    if (cp < TABLE_SIZE) {
      return CONFUSABLE[cp];
    }
    String s = CONFUSABLE_WIDE.get(cp);
    return s == null ? 0 : s.charAt(0);
  }

  private static void putSpecial(int cp, String ascii) {
    LATIN[cp] = 0;
    LATIN_WIDE.put(cp, ascii);
  }

  private static void put(int cp, String folded, char[] table, Map<Integer, String> wide) {
    if (folded == null) {
      return;
    }
    if (cp < TABLE_SIZE && folded.length() == 1) {
      table[cp] = folded.charAt(0);
    } else {
      wide.put(cp, folded);
    }
  }

  private static String latinFold(
      int cp, SpoofChecker spoof, Normalizer2 nfd, Map<String, Character> asciiBySkeleton) {
    String base = stripMarks(nfd.normalize(UCharacter.toString(cp)));
    if (isAsciiLetters(base)) {
      return base;
    }
    return skeletonLetter(cp, spoof, nfd, asciiBySkeleton);
  }

  /**
   * The ASCII letter whose confusable skeleton equals {@code cp}'s; a small-capital skeleton
   * (Cyrillic т looks like ᴛ) counts as its letter.
   */
  private static String skeletonLetter(
      int cp, SpoofChecker spoof, Normalizer2 nfd, Map<String, Character> asciiBySkeleton) {
    String skeleton = spoof.getSkeleton(UCharacter.toString(cp));
    Character ascii = asciiBySkeleton.get(skeleton);
    if (ascii != null) {
      return String.valueOf(ascii);
    }
    String stripped = stripMarks(nfd.normalize(skeleton)).toLowerCase(java.util.Locale.ROOT);
    if (stripped.length() == 1 && isAsciiLetters(stripped)) {
      return stripped;
    }
    if (skeleton.codePointCount(0, skeleton.length()) == 1) {
      String name = UCharacter.getName(skeleton.codePointAt(0));
      String prefix = "LATIN LETTER SMALL CAPITAL ";
      if (name != null && name.startsWith(prefix) && name.length() == prefix.length() + 1) {
        return String.valueOf(Character.toLowerCase(name.charAt(prefix.length())));
      }
    }
    return null;
  }

  private static String stripMarks(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .filter(c -> UCharacter.getType(c) != UCharacter.NON_SPACING_MARK)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  private static boolean isAsciiLetters(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }
}
