package com.lockllm.engine.abuse;

import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Content abuse signals of one prompt, the content half of LockLLM's abuse detection (the
 * behaviour per client, {@code pattern_score}, is {@code com.lockllm.abuse.RequestPatterns} in the
 * core):
 *
 * <ul>
 *   <li>{@code bot_score}: template-like text (many prose lines that are the same once the slots a
 *       template fills, capitalised words, numbers and links, are left out) and excessive symbols
 *       or emoji;
 *   <li>{@code repetition_score}: a character or short unit repeated ({@code aaaa}, {@code !!!!}),
 *       a word or phrase repeated back to back, and text whose word 4-grams mostly repeat;
 *   <li>{@code resource_score}: very long input, deep bracket nesting, deeply escaped quotes
 *       (JSON in a JSON string in ...), and giant tokens with no white space.
 * </ul>
 *
 * <p>Each score is 0–100; a signal starts to count above the highest value measured on the benign
 * rows of the shared datasets (see the engine README, "Abuse"). One pass over the text, no regular
 * expressions, and bounded memory: a few fixed arrays plus two hash tables capped at {@value
 * #MAX_NGRAMS} 4-grams and {@value #MAX_LINES} lines, so 1 MB of hostile text costs milliseconds.
 * Immutable and thread-safe.
 */
public final class ContentAbuseDetector {
  /** Longest phrase, in words, whose back-to-back repetition is followed. */
  public static final int MAX_PHRASE_WORDS = 8;
  /** Longest unit, in characters, whose back-to-back repetition is followed. */
  public static final int MAX_CHAR_PERIOD = 4;
  /** Fewest word 4-grams for {@link ContentSignals#duplicateNgramShare()}. */
  public static final int MIN_NGRAMS = 40;
  /** Fewest prose lines for {@link ContentSignals#templateLineShare()}. */
  public static final int MIN_TEMPLATE_LINES = 6;
  /** Fewest units (words, numbers, other characters) for {@link ContentSignals#symbolShare()}. */
  public static final int MIN_SYMBOL_UNITS = 20;
  /** Length, in characters, at which the length alone scores 50 by default (about 16K tokens). */
  public static final int DEFAULT_OVERSIZED_CHARS = 65_536;

  static final int MAX_NGRAMS = 1 << 16;
  static final int MAX_LINES = 1 << 14;
  private static final int MIN_TEMPLATE_KEY_WORDS = 3;
  private static final int RING = 16;

  public static final String BOT_SCORE = "bot_score";
  public static final String REPETITION_SCORE = "repetition_score";
  public static final String RESOURCE_SCORE = "resource_score";
  public static final String BOT_GENERATED = "bot_generated";
  public static final String EXCESSIVE_REPETITION = "excessive_repetition";
  public static final String RESOURCE_EXHAUSTION = "resource_exhaustion";

  private static final ContentAbuseDetector DEFAULT = new ContentAbuseDetector(DEFAULT_OVERSIZED_CHARS);

  private final int oversizedChars;

  private ContentAbuseDetector(int oversizedChars) {
    this.oversizedChars = oversizedChars;
  }

  /** The detector with the default limits; one shared instance. */
  public static ContentAbuseDetector create() {
    return DEFAULT;
  }

  /**
   * A detector whose length signal scores 50 at {@code oversizedChars} characters (and 0 at half,
   * 100 at twice that); the other signals are unchanged.
   */
  public static ContentAbuseDetector withOversizedChars(int oversizedChars) {
    if (oversizedChars < 1024) {
      throw new IllegalArgumentException("oversizedChars must be at least 1024, got " + oversizedChars);
    }
    return new ContentAbuseDetector(oversizedChars);
  }

  public int oversizedChars() {
    return oversizedChars;
  }

  /** Measures {@code text} and scores it. */
  public ContentAbuseReport analyze(String text) {
    Scan s = new Scan(text);
    s.run();
    ContentSignals signals = s.signals();
    List<Finding> findings = new ArrayList<>();

    double charRun = Math.max(ramp(signals.longestCharRun(), 24, 72),
        ramp(signals.longestSeparatorRun(), 80, 240));
    double wordRun = ramp(signals.longestWordRun(), 16, 48);
    double ngrams = ramp(signals.duplicateNgramShare(), 0.6, 0.9);
    double repetition = Math.max(charRun, Math.max(wordRun, ngrams));
    if (charRun > 0) {
      boolean sep = ramp(signals.longestSeparatorRun(), 80, 240) >= ramp(signals.longestCharRun(), 24, 72);
      int[] span = sep ? s.sepRunSpan : s.charRunSpan;
      findings.add(finding(span, EXCESSIVE_REPETITION, charRun));
    }
    if (wordRun > 0) {
      findings.add(finding(s.wordRunSpan, EXCESSIVE_REPETITION, wordRun));
    }

    double template = signals.templateLines() >= MIN_TEMPLATE_LINES
        ? ramp(signals.templateLineShare(), 0.6, 0.95) : 0;
    double symbols = ramp(signals.symbolShare(), 0.35, 0.6);
    double bot = Math.max(template, symbols);

    double length = lengthScore(signals.chars());
    double nesting = ramp(signals.nestingDepth(), 16, 48);
    double escapes = ramp(signals.escapeLevels(), 5, 9);
    double token = ramp(signals.longestToken(), 4096, 16384);
    double resource = Math.max(Math.max(length, nesting), Math.max(escapes, token));
    if (nesting > 0) {
      findings.add(finding(s.nestSpan, RESOURCE_EXHAUSTION, nesting));
    }
    if (token > 0) {
      findings.add(finding(s.tokenSpan, RESOURCE_EXHAUSTION, token));
    }
    return new ContentAbuseReport(round(bot), round(repetition), round(resource), signals, findings);
  }

  /** 0 up to half of {@code oversizedChars}, 50 at it, +50 per doubling, at most 100. */
  private double lengthScore(int chars) {
    if (chars * 2L <= oversizedChars) {
      return 0;
    }
    double doublings = Math.log((double) chars / oversizedChars) / Math.log(2);
    return clamp(50 + 50 * doublings);
  }

  private static Finding finding(int[] span, String type, double score) {
    return new Finding(span[0], span[1], ContentAbuseReport.FINDING_PREFIX + type, round(score));
  }

  /** 0 at or below {@code lo}, 100 at or above {@code hi}, linear between. */
  static double ramp(double value, double lo, double hi) {
    return clamp(100 * (value - lo) / (hi - lo));
  }

  private static double clamp(double v) {
    return v <= 0 ? 0 : Math.min(100, v);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '=' || c == '_' || c == '*' || c == '~' || c == '.' || c == '#'
        || c == '+' || (c >= '\u2500' && c <= '\u257F');
  }

  private static boolean isSymbolChar(int cp) {
    switch (cp) {
      case '!', '*', '~', '^', '@', '$', '%', '&', '+', '#':
        return true;
      default:
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL
            || type == Character.MODIFIER_SYMBOL;
    }
  }

  /** The single pass: all state for one text. */
  private static final class Scan {
    private final String text;
    private final int n;

    // character runs, per period 1..MAX_CHAR_PERIOD
    private final int[] charCont = new int[MAX_CHAR_PERIOD + 1];
    private int lastNonSeparator = -1;
    private int longestCharRun;
    private int longestSeparatorRun;
    final int[] charRunSpan = new int[2];
    final int[] sepRunSpan = new int[2];

    // words
    private final int[] wordHashes = new int[RING];
    private final int[] wordStarts = new int[RING];
    private long words;
    private final int[] wordCont = new int[MAX_PHRASE_WORDS + 1];
    private final int[] wordRunStart = new int[MAX_PHRASE_WORDS + 1];
    private int longestWordRun;
    final int[] wordRunSpan = new int[2];
    private final IntCounter ngrams = new IntCounter(MAX_NGRAMS);
    private int ngramCount;
    private int ngramRepeats;

    // lines (template keys)
    private final IntCounter lineKeys = new IntCounter(MAX_LINES);
    private int templateLines;
    private int lineKey;
    private int lineKeyWords;
    private boolean lineStarted;
    private boolean tableRow;

    // tokens (white-space separated)
    private int tokenStart = -1;
    private int tokenKeyMark;
    private int tokenKeyWordsMark;
    private boolean tokenLinkLike;
    private int longestToken;
    final int[] tokenSpan = new int[2];

    // symbols: units are words and numbers (one each) and other non-space code points
    private boolean inAlnum;
    private int units;
    private int symbolUnits;

    // nesting
    private int depth;
    private int outerStart;
    private int maxDepth;
    final int[] nestSpan = new int[2];
    private int backslashes;
    private int maxEscapeLevels;

    Scan(String text) {
      this.text = text;
      this.n = text.length();
    }

    void run() {
      int wordStart = -1;
      int wordHash = 0;
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        boolean space = Character.isWhitespace(c);
        chars(i, c, space);

        boolean letter = Character.isLetter(c);
        if (letter) {
          if (wordStart < 0) {
            wordStart = i;
            wordHash = 0x811c9dc5;
          }
          wordHash = (wordHash ^ Character.toLowerCase(c)) * 0x01000193;
        } else if (wordStart >= 0) {
          word(wordStart, i, wordHash);
          wordStart = -1;
        }

        if (space) {
          inAlnum = false;
          endToken(i);
          if (c == '\n') {
            endLine();
          }
        } else {
          if (tokenStart < 0) {
            tokenStart = i;
            tokenKeyMark = lineKey;
            tokenKeyWordsMark = lineKeyWords;
            tokenLinkLike = false;
          }
          if (!lineStarted) {
            lineStarted = true;
            tableRow = c == '|';
          }
          if (c == '/' || c == '@' || (c == '.' && i + 1 < n && Character.isLetter(text.charAt(i + 1)))) {
            tokenLinkLike = true;
          }
          if (!Character.isLowSurrogate(c)) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
              if (!inAlnum) {
                units++;
                inAlnum = true;
              }
            } else {
              inAlnum = false;
              units++;
              if (isSymbolChar(cp)) {
                symbolUnits++;
              }
            }
          }
        }
        nesting(i, c);
      }
      if (wordStart >= 0) {
        word(wordStart, n, wordHash);
      }
      endToken(n);
      endLine();
    }

    private void chars(int i, char c, boolean space) {
      if (!isSeparator(c)) {
        lastNonSeparator = i;
      }
      for (int p = 1; p <= MAX_CHAR_PERIOD; p++) {
        if (!space && i >= p && text.charAt(i - p) == c && !Character.isWhitespace(text.charAt(i - p))) {
          charCont[p]++;
          int length = charCont[p] + p;
          int start = i + 1 - length;
          if (lastNonSeparator < start) {
            if (length > longestSeparatorRun) {
              longestSeparatorRun = length;
              sepRunSpan[0] = start;
              sepRunSpan[1] = i + 1;
            }
          } else if (length > longestCharRun) {
            longestCharRun = length;
            charRunSpan[0] = start;
            charRunSpan[1] = i + 1;
          }
        } else {
          charCont[p] = 0;
        }
      }
    }

    private void word(int start, int end, int hash) {
      if (tableRow) {
        return; // table cells repeat by nature ("| 1911 | Earl Ball |" row after row)
      }
      int slot = (int) (words % RING);
      wordHashes[slot] = hash;
      wordStarts[slot] = start;
      for (int p = 1; p <= MAX_PHRASE_WORDS; p++) {
        if (words >= p && wordHashes[(int) ((words - p) % RING)] == hash) {
          if (wordCont[p]++ == 0) {
            wordRunStart[p] = wordStarts[(int) ((words - p) % RING)];
          }
          if (wordCont[p] > longestWordRun) {
            longestWordRun = wordCont[p];
            wordRunSpan[0] = wordRunStart[p];
            wordRunSpan[1] = end;
          }
        } else {
          wordCont[p] = 0;
        }
      }
      words++;
      if (words >= 4) {
        int h = 17;
        for (long k = words - 4; k < words; k++) {
          h = h * 31 + wordHashes[(int) (k % RING)];
        }
        ngramCount++;
        if (ngrams.increment(h) > 0) {
          ngramRepeats++;
        }
      }
      if (Character.isLowerCase(text.charAt(start))) {
        lineKey = lineKey * 31 + hash;
        lineKeyWords++;
      }
    }

    private void endToken(int end) {
      if (tokenStart < 0) {
        return;
      }
      int length = end - tokenStart;
      if (length > longestToken) {
        longestToken = length;
        tokenSpan[0] = tokenStart;
        tokenSpan[1] = end;
      }
      if (tokenLinkLike) {
        lineKey = tokenKeyMark;
        lineKeyWords = tokenKeyWordsMark;
      }
      tokenStart = -1;
    }

    private void endLine() {
      if (lineStarted && !tableRow && lineKeyWords >= MIN_TEMPLATE_KEY_WORDS) {
        templateLines++;
        lineKeys.increment(lineKey);
      }
      lineKey = 0;
      lineKeyWords = 0;
      lineStarted = false;
      tableRow = false;
    }

    private void nesting(int i, char c) {
      if (c == '\\') {
        backslashes++;
        return;
      }
      if ((c == '"' || c == '\'') && backslashes > 0) {
        int levels = 32 - Integer.numberOfLeadingZeros(backslashes + 1); // floor(log2(b + 1)) + 1
        maxEscapeLevels = Math.max(maxEscapeLevels, levels);
      }
      backslashes = 0;
      if (c == '(' || c == '[' || c == '{') {
        if (depth == 0) {
          outerStart = i;
        }
        depth++;
        if (depth > maxDepth) {
          maxDepth = depth;
          nestSpan[0] = outerStart;
          nestSpan[1] = i + 1;
        }
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }

    ContentSignals signals() {
      double dup = ngramCount >= MIN_NGRAMS ? (double) ngramRepeats / ngramCount : 0;
      double template = templateLines >= MIN_TEMPLATE_LINES
          ? (double) lineKeys.repeatedTotal() / templateLines : 0;
      double symbols = units >= MIN_SYMBOL_UNITS ? (double) symbolUnits / units : 0;
      return new ContentSignals(n, longestCharRun, longestSeparatorRun, longestWordRun,
          round4(dup), round4(template), templateLines, round4(symbols), maxDepth,
          maxEscapeLevels, longestToken);
    }

    private static double round4(double v) {
      return Math.round(v * 10_000) / 10_000.0;
    }
  }
}
