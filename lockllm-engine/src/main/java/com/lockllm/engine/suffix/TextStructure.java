package com.lockllm.engine.suffix;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of a text that the adversarial-suffix detector must not read as token soup: which
 * brackets and quotes pair up, and which stretches are code, logs, tables, regular expressions or
 * LaTeX. Optimised suffixes glue punctuation and code fragments to word pieces without syntax, so
 * their brackets and quotes rarely pair; real code, markup and formulas pair nearly all of theirs
 * and come in recognisable lines. Every pass is linear in the text. Not thread-safe (holds the
 * result of one {@link #analyse}); stateless otherwise.
 */
final class TextStructure {
  /**
   * Words that start a line of code or a shell command; case-sensitive, so a sentence that starts
   * with "Create" or "Find" is not code.
   */
  static final Set<String> CODE_STARTS = Set.of(
      "def", "class", "return", "elif", "import", "public", "private", "protected", "static",
      "final", "const", "let", "var", "function", "async", "await", "try", "catch", "except",
      "raise", "throw", "fi", "done", "echo", "export", "sudo", "git", "docker", "kubectl", "curl",
      "npm", "pip", "cd", "ls", "grep", "awk", "sed", "find", "tar", "ssh", "package", "include",
      "void", "int", "print", "printf", "console", "set", "if", "for", "while", "SELECT", "INSERT",
      "UPDATE", "DELETE", "CREATE", "WITH", "FROM", "WHERE", "ALTER", "DROP");
  /** Quantifiers are bounded and possessive, so a line of brackets costs linear time. */
  private static final Pattern REGEX_CUE = Pattern.compile(
      "\\\\[dwsbDWSB.]|\\[[^\\]\\-]{0,40}+-[^\\]]{0,40}+]|\\{\\d+(,\\d*)?}|\\(\\?[:=!<]|\\.[*+]\\??|^\\^|\\$$");
  private static final Pattern LATEX_CUE = Pattern.compile("\\\\[a-zA-Z]{2,}|[_^]\\{");
  private static final Pattern LOG_LINE = Pattern.compile(
      "^\\s*(\\d{4}-\\d\\d-\\d\\d|\\d{1,3}(\\.\\d{1,3}){3}|[A-Z][a-z]{2} +\\d+ \\d\\d:|\\[?\\d\\d:\\d\\d"
          + "|at [\\w$.]+\\(|File \"|Traceback|Exception|Caused by|\\w+(\\.\\w+)+(Error|Exception)"
          + "|\\{\"\\w+\":)");
  private static final String[] OPERATORS = {
    " = ", " == ", " != ", " += ", " => ", " -> ", " && ", " || ", " := "};
  private static final Pattern CALL_OR_INDEX = Pattern.compile("\\w\\.\\w+\\(|\\w\\[\\w*]");
  private static final Pattern CSS = Pattern.compile(
      "^[.#@]?[\\w-]+(:[\\w-]+)*( *[>+~,] *[.#]?[\\w-]+(:+[\\w-]+)*)* *\\{$|^[\\w-]+: [^;]+;$");
  private static final Set<String> CLOSING_LINES = Set.of(
      "}", "};", "})", "});", "]", "],", ")", ");", "end", "fi", "done", "esac");
  private static final Pattern SEGMENT_CUE = Pattern.compile("(^| )--?[A-Za-z]|[;|=(]");

  /**
   * URLs, e-mail addresses, Unix and Windows paths, host names with a path. No repeated groups:
   * {@code java.util.regex} allocates for each attempt at one, and this runs on many tokens.
   */
  private static final Pattern ADDRESS = Pattern.compile(
      "https?://|www\\.|ftp://|^[\\w.+-]+@[\\w-]+\\.[\\w.]+\\W*$|^\\W*/[\\w.\\-*]+/[\\w.\\-*]"
          + "|^[A-Za-z]:\\\\|^\\W*[\\w-]+\\.[\\w.-]*/");

  // One matcher per pattern, reset for each use: creating matchers dominated the cost.
  private final Matcher regexCue = REGEX_CUE.matcher("");
  private final Matcher latexCue = LATEX_CUE.matcher("");
  private final Matcher logLine = LOG_LINE.matcher("");
  private final Matcher callOrIndex = CALL_OR_INDEX.matcher("");
  private final Matcher css = CSS.matcher("");
  private final Matcher segmentCue = SEGMENT_CUE.matcher("");
  private final Matcher address = ADDRESS.matcher("");
  private final BitSet unmatched = new BitSet();
  private final BitSet masked = new BitSet();
  /** {@code unmatchedBefore[i]}: unmatched brackets and quotes in {@code [from, from + i)}. */
  private int[] unmatchedBefore = new int[1024];
  private int from;

  /** Analyses {@code text[from, to)}; positions below are indices of {@code text}. */
  void analyse(String text, int from, int to) {
    this.from = from;
    unmatched.clear();
    masked.clear();
    pairBrackets(text, from, to);
    pairQuotes(text, from, to);
    if (unmatchedBefore.length < to - from + 1) {
      unmatchedBefore = new int[Math.max(to - from + 1, unmatchedBefore.length * 2)];
    }
    for (int i = 0; i < to - from; i++) {
      unmatchedBefore[i + 1] = unmatchedBefore[i] + (unmatched.get(i) ? 1 : 0);
    }
    maskLines(text, from, to);
    maskInlineCode(text, from, to);
  }

  /** How many unmatched brackets and quotes lie in {@code [start, end)}. */
  int unmatched(int start, int end) {
    return unmatchedBefore[end - from] - unmatchedBefore[start - from];
  }

  /** Whether {@code i} lies in code, a log line, a table row, a formula or an inline code span. */
  boolean masked(int i) {
    return masked.get(i - from);
  }

  private void pairBrackets(String text, int from, int to) {
    int[] stack = new int[16];
    int depth = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (escaped(text, from, i) || quoted(text, from, to, i)
          || ((c == '(' || c == ')') && emoticon(text, from, i))) {
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = i;
      } else if (c == ')' || c == ']' || c == '}') {
        if (c == ')' && listMarker(text, from, to, i)) {
          continue;
        }
        if (depth > 0 && (text.charAt(stack[depth - 1]) == opener(c)
            || typo(text, stack[depth - 1], i))) {
          depth--;
        } else {
          unmatched.set(i - from);
        }
      }
    }
    for (int k = 0; k < depth; k++) {
      unmatched.set(stack[k] - from);
    }
  }

  /**
   * Double quotes and backticks pair within a line; when a line holds an odd number, the inch
   * marks ({@code 12"}) are set aside and, if still odd, the last one is unmatched. Apostrophes
   * and typographic quotes are not counted: English uses them too freely.
   */
  private void pairQuotes(String text, int from, int to) {
    int lineStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '\n') {
        pairQuotes(text, from, lineStart, i, '"');
        pairQuotes(text, from, lineStart, i, '`');
        lineStart = i + 1;
      }
    }
  }

  private void pairQuotes(String text, int from, int start, int end, char q) {
    int all = 0;
    int notInch = 0;
    int lastNotInch = -1;
    for (int j = start; j < end; j++) {
      if (text.charAt(j) == q && !escaped(text, from, j)) {
        all++;
        if (j == from || !Character.isDigit(text.charAt(j - 1))) {
          notInch++;
          lastNotInch = j;
        }
      }
    }
    if (all % 2 == 1 && notInch % 2 == 1) {
      unmatched.set(lastNotInch - from);
    }
  }

  /**
   * Masks whole lines: fenced code, table rows, CSV rows (two neighbouring lines with the same
   * number of commas, at least two), log and stack-trace lines, lines of code (two cues, or one
   * next to a line of code) and regular-expression or LaTeX lines without unmatched brackets; then
   * code that starts inside a line, after a question ("Why does this fail? grep -rn ...").
   */
  private void maskLines(String text, int from, int to) {
    int lines = 1;
    for (int i = from; i < to; i++) {
      lines += text.charAt(i) == '\n' ? 1 : 0;
    }
    int[] starts = new int[lines + 1];
    int k = 0;
    starts[k++] = from;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    starts[lines] = to + 1;
    int[] cues = new int[lines];
    int[] commas = new int[lines];
    boolean[] localUnmatched = new boolean[lines];
    for (int l = 0; l < lines; l++) {
      int a = starts[l];
      int e = starts[l + 1] - 1;
      String line = text.substring(a, e);
      int last = lastNonSpace(text, a, e);
      boolean loc = false;
      for (int i = a; i < e && !loc; i++) {
        loc = unmatched.get(i - from) && !(i == last && "([{".indexOf(text.charAt(i)) >= 0);
      }
      localUnmatched[l] = loc;
      cues[l] = loc ? 0 : codeCues(line);
      for (int i = a; i < e; i++) {
        commas[l] += text.charAt(i) == ',' ? 1 : 0;
      }
    }
    boolean[] code = new boolean[lines];
    for (int l = 0; l < lines; l++) {
      code[l] = cues[l] >= 2;
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int l = 0; l < lines; l++) {
        if (!code[l] && cues[l] >= 1
            && ((l > 0 && code[l - 1]) || (l + 1 < lines && code[l + 1]))) {
          code[l] = true;
        }
      }
    }
    // A fence counts only once closed: an opening fence with nothing after it would hide the
    // rest of the text.
    int lastClosing = -1;
    boolean open = false;
    for (int l = 0; l < lines; l++) {
      if (text.startsWith("```", starts[l] + indent(text, starts[l], starts[l + 1] - 1))) {
        open = !open;
        lastClosing = open ? lastClosing : l;
      }
    }
    boolean fence = false;
    for (int l = 0; l < lines; l++) {
      int a = starts[l];
      int e = starts[l + 1] - 1;
      String line = text.substring(a, e);
      String s = line.strip();
      boolean mask;
      if (s.startsWith("```") && l <= lastClosing) {
        fence = !fence;
        mask = true;
      } else {
        boolean csv = commas[l] >= 2 && ((l > 0 && commas[l - 1] == commas[l])
            || (l + 1 < lines && commas[l + 1] == commas[l]));
        mask = fence || (s.length() > 1 && s.startsWith("|") && s.endsWith("|")) || csv
            || logLine.reset(line).lookingAt() || code[l]
            || (!localUnmatched[l] && (regexCues(line) >= 2 || latexCues(line) >= 2));
      }
      if (mask) {
        masked.set(a - from, e - from);
      } else {
        maskSegment(text, a, e, line);
      }
    }
  }

  /**
   * Masks from the first code word of the line (at its start, after "$ ", or after a sentence
   * ending in ". ", "? ", "! " or ": ") to its end, if the rest holds a flag or code punctuation
   * and no unmatched bracket.
   */
  private void maskSegment(String text, int a, int e, String line) {
    for (int p = 0; p < line.length(); p++) {
      boolean candidate = p == 0 || (p == 2 && line.startsWith("$ "))
          || (p >= 2 && line.charAt(p - 1) == ' ' && ".?!:".indexOf(line.charAt(p - 2)) >= 0);
      char c = line.charAt(p);
      if (!candidate || !(asciiLetter(c) || c == '_')) {
        continue;
      }
      int q = p;
      while (q < line.length() && (asciiLetter(line.charAt(q)) || Character.isDigit(line.charAt(q))
          || "_.-".indexOf(line.charAt(q)) >= 0)) {
        q++;
      }
      if (!CODE_STARTS.contains(line.substring(p, q))) {
        continue;
      }
      if (unmatched(a + p, e) == 0 && segmentCue.reset(line).region(p, line.length()).find()) {
        masked.set(a + p - from, e - from);
      }
      return;
    }
  }

  /** Masks {@code `...`} spans within a line that hold no unmatched bracket. */
  private void maskInlineCode(String text, int from, int to) {
    int open = -1;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        open = -1;
      } else if (c == '`') {
        if (open < 0) {
          open = i;
        } else {
          if (i - open > 1 && unmatched(open, i + 1) == 0) {
            masked.set(open - from, i + 1 - from);
          }
          open = -1;
        }
      }
    }
  }

  /**
   * Cues that a line is code: a code word first, a code ending, indentation, operators, calls, a
   * CSS rule or closing line, and many brackets (the caller passes only lines whose brackets all
   * pair).
   */
  private int codeCues(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return 0;
    }
    int cues = 0;
    int end = 0;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '(') {
      end++;
    }
    String first = s.substring(0, end);
    if (CODE_STARTS.contains(first) || s.startsWith("#") || s.startsWith("@") || s.startsWith("//")
        || s.startsWith("<")) {
      cues++;
    }
    if (";{}):,]>".indexOf(s.charAt(s.length() - 1)) >= 0) {
      cues++;
    }
    if (line.startsWith("  ") || line.startsWith("\t")) {
      cues++;
    }
    if (operator(s) || call(s)) {
      cues++;
    }
    if ((s.indexOf('(') >= 0 || s.indexOf('[') >= 0) && callOrIndex.reset(s).find()) {
      cues++;
    }
    int brackets = 0;
    for (int i = 0; i < s.length(); i++) {
      brackets += "()[]{}".indexOf(s.charAt(i)) >= 0 ? 1 : 0;
    }
    // Callers pass only lines whose brackets all pair: many pairs mean markup or templates.
    cues += brackets >= 12 ? 2 : brackets >= 6 ? 1 : 0;
    char last = s.charAt(s.length() - 1);
    if (((last == '{' || last == ';') && css.reset(s).find()) || CLOSING_LINES.contains(s)) {
      cues++;
    }
    return cues;
  }

  private static boolean operator(String s) {
    for (String op : OPERATORS) {
      if (s.contains(op)) {
        return true;
      }
    }
    return false;
  }

  /** A word character, an opening parenthesis and a closing one after it: {@code f(x)}. */
  private static boolean call(String s) {
    int close = s.lastIndexOf(')');
    for (int i = 1; i < close; i++) {
      char p = s.charAt(i - 1);
      if (s.charAt(i) == '(' && (Character.isLetterOrDigit(p) || p == '_')) {
        return true;
      }
    }
    return false;
  }

  /** How many regular-expression cues (escapes, classes, counts, groups, anchors) {@code s} holds. */
  int regexCues(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('[') < 0 && s.indexOf('{') < 0 && s.indexOf("(?") < 0
        && s.indexOf(".*") < 0 && s.indexOf(".+") < 0 && !s.startsWith("^") && !s.endsWith("$")) {
      return 0;
    }
    return count(regexCue.reset(s));
  }

  /**
   * A formula token: a LaTeX command or braced script with a brace in the token ({@code \\frac{a}{b}},
   * {@code x^{2}}), or a bare short command such as {@code \\pi} or {@code \\cdot}.
   */
  boolean formula(String token) {
    if (token.indexOf('{') >= 0 && latexCues(token) >= 1) {
      return true;
    }
    int n = token.length();
    while (n > 0 && ".,;:".indexOf(token.charAt(n - 1)) >= 0) {
      n--;
    }
    if (n < 3 || n > 8 || token.charAt(0) != '\\') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      if (token.charAt(i) < 'a' || token.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  /** How many LaTeX commands and braced sub- or superscripts {@code s} holds. */
  int latexCues(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('{') < 0) {
      return 0;
    }
    return count(latexCue.reset(s));
  }

  /** Whether {@code text[a, e)} is a URL, e-mail address or path. */
  boolean address(String text, int a, int e) {
    return address.reset(text).region(a, e).find();
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * A list marker such as {@code 1)} at a line start or after "; " or ": ", or {@code a)} at a
   * line start: a closing parenthesis that opens nothing by design.
   */
  private static boolean listMarker(String text, int from, int to, int i) {
    if (i + 1 < to && text.charAt(i + 1) != ' ' && text.charAt(i + 1) != '\n') {
      return false;
    }
    int j = i - 1;
    if (j >= from && Character.isLetter(text.charAt(j)) && text.charAt(j) < 128) {
      return j == from || text.charAt(j - 1) == '\n';
    }
    int digits = 0;
    while (j >= from && digits < 3 && Character.isDigit(text.charAt(j))) {
      j--;
      digits++;
    }
    if (digits == 0 || digits > 2) {
      return false;
    }
    if (j < from || text.charAt(j) == '\n') {
      return true;
    }
    return j - 1 >= from && text.charAt(j) == ' '
        && (text.charAt(j - 1) == ';' || text.charAt(j - 1) == ':' || text.charAt(j - 1) == ' ');
  }

  static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A character quoted on its own, as error messages do: {@code unexpected ')'}. */
  private static boolean quoted(String text, int from, int to, int i) {
    if (i <= from || i + 1 >= to) {
      return false;
    }
    char q = text.charAt(i - 1);
    return (q == '\'' || q == '"' || q == '`') && text.charAt(i + 1) == q;
  }

  /**
   * A parenthesis of a smiley standing on its own: {@code :)}, {@code :-(}, {@code ;)}, {@code =)},
   * {@code :(((}.
   */
  private static boolean emoticon(String text, int from, int i) {
    int j = i - 1;
    while (j >= from && text.charAt(j) == text.charAt(i)) {
      j--;
    }
    if (j >= from && (text.charAt(j) == '-' || text.charAt(j) == '\'')) {
      j--;
    }
    return j >= from && ":;=".indexOf(text.charAt(j)) >= 0
        && (j == from || Character.isWhitespace(text.charAt(j - 1)));
  }

  /**
   * A closer of the wrong kind that ends a short bracketed phrase of words ({@code {like this)}):
   * a typo, not soup, when the phrase holds only letters and spaces.
   */
  private static boolean typo(String text, int open, int close) {
    if (close - open < 3 || close - open > 30) {
      return false;
    }
    for (int i = open + 1; i < close; i++) {
      char c = text.charAt(i);
      if (!Character.isLetter(c) && c != ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean escaped(String text, int from, int i) {
    return i > from && text.charAt(i - 1) == '\\';
  }

  private static char opener(char closer) {
    return closer == ')' ? '(' : closer == ']' ? '[' : '{';
  }

  private static int indent(String text, int a, int e) {
    int i = a;
    while (i < e && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i - a;
  }

  private static int lastNonSpace(String text, int a, int e) {
    int i = e - 1;
    while (i >= a && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i;
  }
}
