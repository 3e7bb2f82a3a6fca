package com.lockllm.engine.suffix;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.scan.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Flags optimised adversarial suffixes (GCG-style token soup appended to a request: word pieces
 * glued to punctuation and code fragments, stray capitals, brackets that close nothing) in the
 * original text of a window. Two signals, both needed:
 *
 * <ul>
 *   <li><b>Surprise</b>: the mean cost in bits per character under {@link CharModel}, a character
 *       language model of benign English prompts, over a window of {@value #WINDOW_TOKENS}
 *       consecutive tokens (white-space separated);
 *   <li><b>Soup shape</b>: the share of those tokens that are malformed (a bracket or quote with
 *       no partner in the text, punctuation between letters such as {@code giving**ONE}, stray
 *       punctuation before or after a word, a punctuation cluster that is no operator, ellipsis
 *       or separator run, letters of two scripts in one token, two or more lower-to-upper case
 *       changes; one case change, or a long all-letter token the model finds unlikely (at least
 *       {@value #WORD_SURPRISE} bits a letter, as glued word pieces are), counts half), and how
 *       many hold an unmatched bracket or quote or mix scripts.
 * </ul>
 *
 * A window is soup when its cost is at least {@value #SURPRISE} bits with at least {@value
 * #SHAPE} malformed and one unmatched or mixed-script token, or at least {@value #HIGH_SURPRISE}
 * bits with at least {@value #HIGH_SHAPE} malformed. Before any window is read, {@link
 * TextStructure} sets aside what only looks like soup: code (closed fences, lines with code cues,
 * code after a question on the same line, inline code), log lines and stack traces, table and CSV
 * rows, regular-expression and LaTeX lines, and brackets that pair nothing by design (smileys,
 * list markers, a quoted character, a typo such as <code>&#123;like this)</code>); and single tokens that
 * are URLs, paths or e-mail addresses, base64 or hex runs (the normalizer decodes those for the
 * other detectors), emoticons, well-formed words with accented or non-Latin letters (the model
 * knows English only; Greek counts as Latin, as formulas mix them), emoji, and regular
 * expressions or formulas whose brackets all pair.
 *
 * <p>Consecutive soup windows form a run; the finding ({@value #CATEGORY}) spans the run from its
 * first to its last malformed token. The score is {@value #BASE_SCORE} for a short run of modest
 * shape, above the medium threshold so a soup after a request is blocked there, rising to {@value
 * #MAX_SCORE} with the run's length and its most malformed window; 0 without a run. Thresholds
 * were chosen on generated soups and generated benign code, logs, tables and text in 16 languages
 * (see the engine README, "Adversarial suffixes"). Linear in the text; thread-safe, each thread
 * reusing its buffers.
 */
public final class SuffixDetector implements Detector {
  public static final String CATEGORY = "adversarial_suffix";
  /** Resource holding the character model that ships with the engine. */
  public static final String RESOURCE = "/com/lockllm/engine/suffix/suffix-model.bin";

  static final int WINDOW_TOKENS = 5;
  static final int MIN_WINDOW_TOKENS = 4;
  static final double SURPRISE = 3.0;
  static final double SHAPE = 0.3;
  static final double HIGH_SURPRISE = 4.5;
  static final double HIGH_SHAPE = 0.5;
  static final double BASE_SCORE = 60;
  static final double MAX_SCORE = 95;
  static final double FULL_SHAPE = 0.8;
  static final int WORD_LETTERS = 8;
  static final double WORD_SURPRISE = 4.0;
  static final int FULL_TOKENS = 20;

  private static final Set<String> EMOTICONS = Set.of(":)", ":-)", ":(", ":-(", ";)", ";-)", ":D",
      ":P", ":p", "xD", "XD", "<3", ":/", ":o", ":O", "^^", "^_^", "-_-", "o_O", "T_T", ":')");
  private static final Set<String> PUNCTUATION_TOKENS = Set.of("-", "&", "+", "=", "*", "|", "/",
      "...", ":", ">", "<", "#", "~", "!", "?", "(", ")", "\"", "'", "--", "->", "=>", "!!", "??",
      "?!", "$", "%", "\u2013", "\u2014", "\u2022", "\u00b7", "\u2026");
  /** Opening marks a word may follow, typographic ones of several languages included. */
  private static final String LEADING =
      "\"'([{*_`\u00ab\u00bb\u201c\u2018\u201e\u201a\u2039\u203a\u00bf\u00a1"
          + "\uff08\u300c\u300e\u3010\u3008\u300a";
  private static final String TRAILING =
      ".,;:!?'\")]}*_`\u00bb\u00ab\u201d\u201c\u2019\u2018\u203a\u2039%\u2026"
          + "\u3002\uff0c\u3001\uff1f\uff01\uff1a\uff1b\uff09\u300d\u300f\u3011\u3009\u300b"
          + "\u0964\u0965\u061f\u060c\u061b\u066b";
  private static final String GLUE = "*\\|~^%$#!?;\"`()[]{}";


  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final CharModel model;

  private SuffixDetector(CharModel model) {
    this.model = model;
  }

  /** The detector with the model that ships with the engine, loaded once. */
  public static SuffixDetector create() {
    return Default.INSTANCE;
  }

  public static SuffixDetector of(CharModel model) {
    return new SuffixDetector(model);
  }

  public CharModel model() {
    return model;
  }

  /**
   * Scores the original text, less the runs that are an obfuscation trick rather than a suffix:
   * look-alike or full-width letters, escapes, emphasis inside words, separated, doubled or
   * reversed letters all read as soup to a character model, and the normalizer's views undo them
   * for the other detectors. A run is kept only if it is still soup read backwards and in every
   * view that re-reads it; a real suffix is soup in every reading, so tricks mixed into one do
   * not hide it.
   */
  @Override
  public Detection detect(NormalizedText text) {
    Detection d = detect(text.source(), text.from(), text.to());
    if (d.findings().isEmpty()) {
      return d;
    }
    List<Finding> kept = new ArrayList<>(d.findings().size());
    double score = 0;
    for (Finding f : d.findings()) {
      if (soupBackwards(text.source(), f) && !fluentInAnotherReading(text, f)) {
        kept.add(f);
        score = Math.max(score, f.score());
      }
    }
    return kept.size() == d.findings().size() ? d : kept.isEmpty() ? Detection.none() : new Detection(score, kept);
  }

  /**
   * Whether a view that undoes a trick (respelled, corrected, reversed, leetspeak, ...) reads the
   * run as fluent text: emphasis inside words, separated or doubled letters are soup to a character
   * model until the normalizer joins them, while a real suffix stays soup in every reading.
   */
  private boolean fluentInAnotherReading(NormalizedText text, Finding f) {
    boolean folded = folded(text, f.start(), f.end());
    for (NormalizedText.View view : text.views()) {
      if (view.kind() == NormalizedText.Kind.PRIMARY && !folded) {
        continue;
      }
      int from = -1;
      int to = -1;
      for (int i = 0; i < view.text().length(); i++) {
        int o = view.originalStart(i);
        if (o >= f.start() && o < f.end()) {
          from = from < 0 ? i : from;
          to = i + 1;
        }
      }
      if (to - from >= MIN_WINDOW_TOKENS && detect(view.text(), from, to).findings().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the run, read backwards, is still soup: reversed prose reads fluently backwards. */
  private boolean soupBackwards(String source, Finding f) {
    String backwards = new StringBuilder(source.substring(f.start(), f.end())).reverse().toString();
    return !detect(backwards, 0, backwards.length()).findings().isEmpty();
  }

  /**
   * Whether the normalizer folded or removed characters of the run (look-alike letters,
   * compatibility forms such as full-width, invisible characters): then its primary view, which
   * otherwise only lower-cases and would hide the case changes soup is made of, is a reading too.
   */
  private static boolean folded(NormalizedText text, int start, int end) {
    if (text.altered(start, end)) {
      return true;
    }
    String source = text.source();
    for (int i = start; i < end; i++) {
      char c = source.charAt(i);
      if (c >= 0x80 && !Normalizer.isNormalized(String.valueOf(c), Normalizer.Form.NFKC)) {
        return true;
      }
    }
    return false;
  }


  /** Scores {@code source[from, to)}. */
  public Detection detect(String source, int from, int to) {
    Scratch s = SCRATCH.get();
    s.tokens(source, from, to, model);
    int n = s.count;
    if (n < MIN_WINDOW_TOKENS) {
      return Detection.none();
    }
    double best = 0;
    List<Finding> findings = new ArrayList<>();
    int windows = Math.max(1, n - WINDOW_TOKENS + 1);
    int runStart = -1;
    int runEnd = -1;
    double runShape = 0;
    for (int w = 0; w < windows; w++) {
      int end = Math.min(n, w + WINDOW_TOKENS);
      double bits = 0;
      int symbols = 0;
      int malformed = 0;
      int unmatched = 0;
      for (int t = w; t < end; t++) {
        bits += s.bits[t];
        symbols += s.symbols[t];
        malformed += s.evidence[t];
        unmatched += s.unmatched[t] ? 1 : 0;
      }
      double surprise = symbols == 0 ? 0 : bits / symbols;
      double shape = malformed / 2.0 / (end - w);
      boolean soup = (surprise >= SURPRISE && shape >= SHAPE && unmatched >= 1)
          || (surprise >= HIGH_SURPRISE && shape >= HIGH_SHAPE);
      if (!soup) {
        continue;
      }
      if (runStart >= 0 && w <= runEnd) {
        runEnd = end;
        runShape = Math.max(runShape, shape);
        continue;
      }
      if (runStart >= 0) {
        best = Math.max(best, flush(s, runStart, runEnd, runShape, findings));
      }
      runStart = w;
      runEnd = end;
      runShape = shape;
    }
    if (runStart >= 0) {
      best = Math.max(best, flush(s, runStart, runEnd, runShape, findings));
    }
    return best == 0 ? Detection.none() : new Detection(best, findings);
  }

  /**
   * {@value #BASE_SCORE} rising to {@value #MAX_SCORE}: half with the run's most malformed window
   * (full at a share of {@value #FULL_SHAPE}), half with its length (full at {@value #FULL_TOKENS}
   * tokens).
   */
  static double score(int tokens, double shape) {
    double strength = 0.5 * (shape - SHAPE) / (FULL_SHAPE - SHAPE)
        + 0.5 * (tokens - WINDOW_TOKENS) / (double) (FULL_TOKENS - WINDOW_TOKENS);
    return BASE_SCORE + (MAX_SCORE - BASE_SCORE) * Math.max(0, Math.min(1, strength));
  }

  /** Adds the run's finding, spanning its first to its last malformed token; returns its score. */
  private static double flush(Scratch s, int runStart, int runEnd, double shape, List<Finding> findings) {
    double score = score(runEnd - runStart, shape);
    int a = runStart;
    while (a < runEnd - 1 && s.evidence[a] < 2) {
      a++;
    }
    int e = runEnd - 1;
    while (e > a && s.evidence[e] < 2) {
      e--;
    }
    findings.add(new Finding(s.starts[a], s.ends[e], CATEGORY, Math.round(score * 100) / 100.0));
    return score;
  }

  /**
   * How malformed the token {@code text[a, e)} is, in halves: 2 for soup-like, 1 for a bare case
   * change, 0 for a well-formed word; -1 when the token is set aside (not English, an address, a
   * blob, an emoticon, emoji, a formula). Sets {@code unmatchedOut[t]} for a token with an
   * unmatched bracket or quote or letters of two scripts.
   */
  static int evidence(String text, int a, int e, TextStructure structure, boolean[] unmatchedOut, int t) {
    int letters = 0;
    int latin = 0;
    boolean nonAscii = false;
    boolean printable = false;
    boolean alnum = false;
    boolean addressLike = false;
    boolean formulaLike = false;
    for (int i = a; i < e; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        Character.UnicodeScript script = c < 128 ? Character.UnicodeScript.LATIN : Character.UnicodeScript.of(c);
        if (script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK) {
          // Greek letters mix with Latin ones in formulas (Σx, σ²), so they count as Latin here.
          latin++;
        }
        nonAscii |= c >= 128;
      }
      printable |= c > 32 && c < 127;
      alnum |= Character.isLetterOrDigit(c);
      addressLike |= c == '/' || c == '@' || c == '\\' || c == '.';
      formulaLike |= "\\[{(^$.".indexOf(c) >= 0;
    }
    if (letters > 0 && latin > 0 && latin < letters) {
      unmatchedOut[t] = true;
      return 2;
    }
    if (!printable && letters == 0) {
      return -1;
    }
    if (emoticon(text, a, e) || blob(text, a, e)
        || (addressLike && structure.address(text, a, e))) {
      return -1;
    }
    int unmatched = structure.unmatched(a, e);
    if (unmatched == 0 && formulaLike) {
      String token = text.substring(a, e);
      if (structure.regexCues(token) >= 2 || structure.formula(token)) {
        return -1;
      }
    }
    int shape;
    if (unmatched > 0) {
      unmatchedOut[t] = true;
      shape = 2;
    } else if (!alnum) {
      // One symbol, perhaps followed by a comma or full stop, is a symbol named in a list
      // ("one of !, @, #, $"), and a run of one symbol a separator ("=====", "<<<<<<<");
      // other clusters are operators, ellipses or soup.
      int end = e - a > 1 && ",.;:".indexOf(text.charAt(e - 1)) >= 0 ? e - 1 : e;
      shape = end - a == 1 || repeated(text, a, end) || PUNCTUATION_TOKENS.contains(text.substring(a, end)) ? 0 : 2;
    } else if (glued(text, a, e) || !wellLed(text, a, e) || !wellEnded(text, a, e)) {
      shape = 2;
    } else {
      int changes = 0;
      for (int i = a + 1; i < e; i++) {
        if (Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1))) {
          changes++;
        }
      }
      shape = Math.min(2, changes);
    }
    // A well-formed word with accented or non-Latin letters is another language: the model
    // knows English only, so it neither counts for nor against a window.
    return nonAscii && shape == 0 ? -1 : shape;
  }

  private static boolean repeated(String text, int a, int e) {
    for (int i = a + 1; i < e; i++) {
      if (text.charAt(i) != text.charAt(a)) {
        return false;
      }
    }
    return true;
  }

  /** A smiley: {@code :)}, {@code :-(}, {@code :(((}, {@code ;P}, {@code <3}, {@code ^_^} and the like. */
  private static boolean emoticon(String text, int a, int e) {
    if (e - a <= 3 && EMOTICONS.contains(text.substring(a, e))) {
      return true;
    }
    int i = a;
    if (i >= e || ":;=".indexOf(text.charAt(i)) < 0) {
      return false;
    }
    i++;
    if (i < e && (text.charAt(i) == '-' || text.charAt(i) == '\'')) {
      i++;
    }
    if (i >= e || ")(][DPpOo/\\|*3".indexOf(text.charAt(i)) < 0) {
      return false;
    }
    char mouth = text.charAt(i);
    while (i < e && text.charAt(i) == mouth) {
      i++;
    }
    return i == e;
  }

  /** A base64, hex or key-like run: 12 or more of {@code [A-Za-z0-9+/=_-]} with two digits, or 24. */
  private static boolean blob(String text, int a, int e) {
    int run = 0;
    int digits = 0;
    for (int i = a; i <= e; i++) {
      char c = i < e ? text.charAt(i) : ' ';
      boolean in = TextStructure.asciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '/'
          || c == '=' || c == '_' || c == '-';
      if (in) {
        run++;
        digits += c >= '0' && c <= '9' ? 1 : 0;
      } else {
        if ((run >= 12 && digits >= 2) || run >= 24) {
          return true;
        }
        run = 0;
        digits = 0;
      }
    }
    return false;
  }

  /** Punctuation of {@link #GLUE} between two letters, as in {@code giving**ONE}. */
  private static boolean glued(String text, int a, int e) {
    for (int i = a + 1; i < e; i++) {
      if (GLUE.indexOf(text.charAt(i)) < 0 || !Character.isLetter(text.charAt(i - 1))) {
        continue;
      }
      int j = i;
      while (j < e && GLUE.indexOf(text.charAt(j)) >= 0) {
        j++;
      }
      if (j < e && Character.isLetter(text.charAt(j))) {
        return true;
      }
      i = j;
    }
    return false;
  }

  /** Leading punctuation as prose has it: one opening mark, {@code #tag}, {@code @name}, or two marks. */
  private static boolean wellLed(String text, int a, int e) {
    int i = a;
    while (i < e && !wordChar(text.charAt(i))) {
      i++;
    }
    if (i == a) {
      return true;
    }
    if (i == a + 1) {
      return LEADING.indexOf(text.charAt(a)) >= 0 || "#@$-".indexOf(text.charAt(a)) >= 0;
    }
    return i == a + 2 && LEADING.indexOf(text.charAt(a)) >= 0 && LEADING.indexOf(text.charAt(a + 1)) >= 0;
  }

  /** A letter, digit, underscore or combining mark (Devanagari vowel signs are marks). */
  private static boolean wordChar(char c) {
    if (Character.isLetterOrDigit(c) || c == '_') {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Trailing punctuation as prose has it: closing marks and sentence punctuation only. */
  private static boolean wellEnded(String text, int a, int e) {
    int i = e;
    while (i > a && !wordChar(text.charAt(i - 1))) {
      i--;
      if (TRAILING.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Per-thread buffers: the character costs and the kept tokens of the current text. */
  private static final class Scratch {
    final TextStructure structure = new TextStructure();
    float[] costs = new float[1024];
    boolean[] counted = new boolean[1024];
    int[] starts = new int[256];
    int[] ends = new int[256];
    int[] evidence = new int[256];
    boolean[] unmatched = new boolean[256];
    float[] bits = new float[256];
    int[] symbols = new int[256];
    int count;

    /** Costs every character, then keeps the tokens not set aside, with their cost and shape. */
    void tokens(String text, int from, int to, CharModel model) {
      int length = to - from;
      if (costs.length < length) {
        costs = new float[Math.max(length, costs.length * 2)];
        counted = new boolean[costs.length];
      }
      model.costs(text, from, to, costs, counted);
      structure.analyse(text, from, to);
      count = 0;
      int lastCounted = -1;
      int i = from;
      while (i < to) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
          if (counted[i - from]) {
            lastCounted = i;
          }
          i++;
          continue;
        }
        int a = i;
        while (i < to && !Character.isWhitespace(text.charAt(i)) && !Character.isSpaceChar(text.charAt(i))) {
          i++;
        }
        if (structure.masked(a)) {
          continue;
        }
        grow();
        unmatched[count] = false;
        int ev = evidence(text, a, i, structure, unmatched, count);
        if (ev < 0) {
          continue;
        }
        float b = 0;
        int n = 0;
        if (lastCounted >= 0 && lastCounted == precedingSpace(text, from, a, lastCounted)) {
          b += costs[lastCounted - from];
          n++;
        }
        for (int k = a; k < i; k++) {
          if (counted[k - from]) {
            b += costs[k - from];
            n++;
          }
        }
        if (ev == 0 && i - a >= WORD_LETTERS && letters(text, a, i)) {
          float inner = 0;
          for (int k = a + 1; k < i; k++) {
            inner += costs[k - from];
          }
          if (inner / (i - a - 1) >= WORD_SURPRISE) {
            ev = 1;
          }
        }
        starts[count] = a;
        ends[count] = i;
        evidence[count] = ev;
        bits[count] = b;
        symbols[count] = n;
        count++;
      }
    }

    /** {@code lastCounted} when it is the counted first character of the white space before {@code a}. */
    private static int precedingSpace(String text, int from, int a, int lastCounted) {
      for (int k = a - 1; k > lastCounted; k--) {
        char c = text.charAt(k);
        if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
          return -1;
        }
      }
      return lastCounted;
    }

    private static boolean letters(String text, int a, int e) {
      for (int k = a; k < e; k++) {
        if (!TextStructure.asciiLetter(text.charAt(k))) {
          return false;
        }
      }
      return true;
    }

    private void grow() {
      if (count == starts.length) {
        int size = starts.length * 2;
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        evidence = Arrays.copyOf(evidence, size);
        unmatched = Arrays.copyOf(unmatched, size);
        bits = Arrays.copyOf(bits, size);
        symbols = Arrays.copyOf(symbols, size);
      }
    }
  }

  private static final class Default {
    static final SuffixDetector INSTANCE = new SuffixDetector(load());

    private static CharModel load() {
      try (InputStream in = SuffixDetector.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("suffix model resource missing: " + RESOURCE);
        }
        return CharModel.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
