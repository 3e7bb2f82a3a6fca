package com.lockllm.engine.suffix;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A character n-gram language model of benign English prompts (order {@value #ORDER},
 * interpolated Kneser–Ney, stored in back-off form): how many bits each character of a text costs
 * given the four before it. Immutable and thread-safe.
 *
 * <p><b>Alphabet</b> ({@link #symbol}): ASCII letters folded to lower case (case oddities are the
 * detector's business, and folding keeps the model small), every decimal digit one symbol, the 32
 * ASCII punctuation characters, space, line break, one symbol for other Latin letters (accented),
 * one for letters of other scripts and one for everything else; typographic quotes, dashes and the
 * ellipsis read as their ASCII forms; a run of white space is one symbol, that of its first
 * character; combining marks and invisible format characters are skipped. Text starts with
 * {@value #ORDER} - 1 begin symbols.
 *
 * <p><b>Storage.</b> Every n-gram of the training text ({@code n <= ORDER}) is one entry keyed by
 * its symbols written in base {@value #BASE} (symbols are 1–65, so n-grams of different lengths
 * never share a key and an order-5 key fits an {@code int}), valued by its quantized cost {@code
 * -log2 P(last | rest)} and, as a context, its quantized back-off cost {@code -log2 gamma}. The
 * cost of a character is the cost of the longest stored n-gram ending in it plus the back-off costs
 * of the longer contexts that were stored without it, exactly the interpolated estimate.
 *
 * <p><b>Resource format</b> (big-endian), version {@value #FORMAT_VERSION}: magic {@code SFXM},
 * format version, order, alphabet size, the two quantization steps (bits per unit), the SHA-256 of
 * the training inputs (32 bytes), a description (modified UTF-8), the entry count, then for each
 * entry in ascending key order the key delta as an unsigned varint, the cost byte and, for entries
 * shorter than the order, the back-off byte.
 */
public final class CharModel {
  public static final int FORMAT_VERSION = 1;
  public static final int ORDER = 5;
  /** Real symbols are 1..{@value}; {@link #BEGIN} pads the start of a text. */
  public static final int SYMBOLS = 64;
  public static final int BEGIN = SYMBOLS + 1;
  public static final int BASE = SYMBOLS + 2;
  /** Costs are stored in eighths of a bit (0–31.9 bits), back-off costs in sixteenths (0–15.9). */
  public static final float COST_STEP = 1f / 8;
  public static final float BACKOFF_STEP = 1f / 16;
  private static final float MAX_COST = 255 * COST_STEP;

  static final int SPACE = 1;
  static final int NEWLINE = 2;
  static final int DIGIT = 3;
  static final int LATIN_OTHER = 4;
  static final int OTHER_LETTER = 5;
  static final int OTHER = 6;
  /** Symbols of {@code 'a'..'z'} start here; ASCII punctuation follows them. */
  private static final int LETTERS = 7;
  private static final int PUNCTUATION = LETTERS + 26;
  private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final int MAGIC = 0x5346584d;
  private static final byte[] ASCII_SYMBOL = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_SYMBOL[c] = (byte) (LETTERS + c - 'a');
      ASCII_SYMBOL[Character.toUpperCase(c)] = (byte) (LETTERS + c - 'a');
    }
    for (int i = 0; i < ASCII_PUNCTUATION.length(); i++) {
      ASCII_SYMBOL[ASCII_PUNCTUATION.charAt(i)] = (byte) (PUNCTUATION + i);
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII_SYMBOL[c] = DIGIT;
    }
    ASCII_SYMBOL[' '] = SPACE;
    ASCII_SYMBOL['\t'] = SPACE;
    ASCII_SYMBOL['\u000b'] = SPACE;
    ASCII_SYMBOL['\f'] = SPACE;
    ASCII_SYMBOL['\n'] = NEWLINE;
    ASCII_SYMBOL['\r'] = NEWLINE;
    if (PUNCTUATION + ASCII_PUNCTUATION.length() - 1 != SYMBOLS) {
      throw new AssertionError("alphabet size");
    }
  }

  /** Open-addressing table: the key in the high 32 bits, cost byte and back-off byte below; 0 is empty. */
  private final long[] table;
  private final int mask;
  private final int entries;
  /** The entry of the all-begin context, the state a text starts in. */
  private final int beginContext;
  private final byte[] trainingSha256;
  private final String description;

  private CharModel(int[] sortedKeys, byte[] costs, byte[] backoffs, byte[] trainingSha256,
      String description) {
    // The smallest power of two that keeps the load at most 0.7: 4 MB for the shipped model.
    int capacity = Integer.highestOneBit(Math.max(16, sortedKeys.length * 10 / 7 - 1)) << 1;
    this.table = new long[capacity];
    this.mask = capacity - 1;
    this.entries = sortedKeys.length;
    for (int i = 0; i < sortedKeys.length; i++) {
      int slot = slot(sortedKeys[i]);
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = ((long) sortedKeys[i] << 32) | ((costs[i] & 0xffL) << 8) | (backoffs[i] & 0xffL);
    }
    int[] begin = {BEGIN, BEGIN, BEGIN, BEGIN};
    this.beginContext = find(key(begin, 0, ORDER - 1));
    this.trainingSha256 = trainingSha256;
    this.description = description;
  }

  /**
   * The symbol of {@code c}, or 0 for a character the model skips (combining marks, invisible
   * format characters). White space maps to {@link #SPACE} or {@link #NEWLINE}; callers collapse
   * runs of them.
   */
  public static int symbol(char c) {
    if (c < 128) {
      int s = ASCII_SYMBOL[c];
      return s == 0 ? OTHER : s;
    }
    switch (c) {
      case '\u2018': case '\u2019': case '\u201a': case '\u2032': return ASCII_SYMBOL['\''];
      case '\u201c': case '\u201d': case '\u201e': case '\u2033': return ASCII_SYMBOL['"'];
      case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2212':
        return ASCII_SYMBOL['-'];
      case '\u2026': return ASCII_SYMBOL['.'];
      case '\u2028': case '\u2029': case '\u0085': return NEWLINE;
      default: break;
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return SPACE;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT) {
      return 0;
    }
    if (Character.isDigit(c)) {
      return DIGIT;
    }
    if (Character.isLetter(c)) {
      return Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN ? LATIN_OTHER : OTHER_LETTER;
    }
    return OTHER;
  }

  /**
   * The symbols of {@code text} as the model reads it: skipped characters dropped, runs of white
   * space collapsed to the symbol of its first character, as {@link #costs} scores them. The
   * training command counts n-grams over these.
   */
  public static int[] symbols(CharSequence text) {
    int[] out = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      int s = symbol(text.charAt(i));
      if (s == 0) {
        continue;
      }
      if (n > 0 && isSpace(s) && isSpace(out[n - 1])) {
        continue;
      }
      out[n++] = s;
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether {@code symbol} is white space ({@link #SPACE} or {@link #NEWLINE}). */
  public static boolean isSpace(int symbol) {
    return symbol == SPACE || symbol == NEWLINE;
  }

  /**
   * The cost in bits of each character of {@code text[from, to)}, written to {@code bits[i - from]};
   * a character the model skips, or white space after white space, costs 0 and is not counted in
   * {@code counted[i - from]}. Linear in the length. The search for a character starts one order
   * above the longest n-gram found for the character before it (a longer one cannot be stored, as
   * its context is not), so most characters cost one or two table look-ups.
   */
  public void costs(CharSequence text, int from, int to, float[] bits, boolean[] counted) {
    int[] context = {BEGIN, BEGIN, BEGIN, BEGIN};
    int found = beginContext >= 0 ? ORDER - 1 : 0;
    long foundEntry = beginContext >= 0 ? table[beginContext] : 0;
    boolean lastSpace = false;
    for (int i = from; i < to; i++) {
      int s = symbol(text.charAt(i));
      if (s == 0 || (lastSpace && isSpace(s))) {
        bits[i - from] = 0;
        counted[i - from] = false;
        continue;
      }
      lastSpace = isSpace(s);
      float backoff = 0;
      float cost = MAX_COST;
      int n = Math.min(ORDER, found + 1);
      for (; n >= 1; n--) {
        int key = s;
        int scale = BASE;
        for (int k = 1; k < n; k++) {
          key += context[context.length - k] * scale;
          scale *= BASE;
        }
        int slot = find(key);
        if (slot >= 0) {
          cost = backoff + ((int) (table[slot] >>> 8) & 0xff) * COST_STEP;
          foundEntry = table[slot];
          break;
        }
        if (n > 1) {
          // The context of this n-gram is the longest n-gram found for the previous character,
          // or a suffix of it.
          long c = n - 1 == found ? foundEntry : entry((key - s) / BASE);
          backoff += ((int) c & 0xff) * BACKOFF_STEP;
        }
      }
      found = Math.max(n, 0);
      bits[i - from] = cost;
      counted[i - from] = true;
      context[0] = context[1];
      context[1] = context[2];
      context[2] = context[3];
      context[3] = s;
    }
  }

  /**
   * The key of an n-gram given oldest symbol first: {@code sum s_k * BASE^(n-1-k)}, so the last
   * symbol is the lowest digit and a context's key is its n-gram's key without that digit.
   */
  public static int key(int[] symbols, int from, int length) {
    int key = 0;
    for (int k = from; k < from + length; k++) {
      key = key * BASE + symbols[k];
    }
    return key;
  }

  /** The slot holding {@code key}, or -1. */
  private int find(int key) {
    int slot = slot(key);
    while (true) {
      long e = table[slot];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == key) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The entry of {@code key}, or 0 (no back-off cost) when it is not stored. */
  private long entry(int key) {
    int slot = find(key);
    return slot < 0 ? 0 : table[slot];
  }

  private int slot(int key) {
    int h = key * 0x9E3779B1;
    return (h ^ (h >>> 15)) & mask;
  }

  /** Number of stored n-grams. */
  public int entries() {
    return entries;
  }

  /** Hex SHA-256 of the training inputs recorded in the header. */
  public String trainingSha256() {
    return HexFormat.of().formatHex(trainingSha256);
  }

  /** What the training command wrote about the model (sources, counts, smoothing). */
  public String description() {
    return description;
  }

  /** Reads a model written by {@link #write}. */
  public static CharModel read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a character model (bad magic)");
    }
    int version = data.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported character model version " + version);
    }
    int order = data.readInt();
    int symbols = data.readInt();
    float costStep = data.readFloat();
    float backoffStep = data.readFloat();
    if (order != ORDER || symbols != SYMBOLS || costStep != COST_STEP || backoffStep != BACKOFF_STEP) {
      throw new IOException("character model was built for another alphabet or order: order="
          + order + " symbols=" + symbols);
    }
    byte[] sha = new byte[32];
    data.readFully(sha);
    String description = data.readUTF();
    int count = data.readInt();
    int[] keys = new int[count];
    byte[] costs = new byte[count];
    byte[] backoffs = new byte[count];
    int key = 0;
    for (int i = 0; i < count; i++) {
      key += readVarint(data);
      keys[i] = key;
      costs[i] = data.readByte();
      backoffs[i] = length(key) < ORDER ? data.readByte() : 0;
    }
    return new CharModel(keys, costs, backoffs, sha, description);
  }

  /**
   * Writes entries (keys strictly ascending, costs and back-off costs in bits) in the format
   * {@link #read} expects, quantizing the costs. Deterministic: equal inputs give equal bytes.
   */
  public static byte[] write(int[] keys, float[] costs, float[] backoffs, byte[] trainingSha256,
      String description) {
    if (trainingSha256.length != 32 || keys.length != costs.length || keys.length != backoffs.length) {
      throw new IllegalArgumentException("need one cost and back-off per key and a 32-byte SHA-256");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(keys.length * 4 + 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(ORDER);
      out.writeInt(SYMBOLS);
      out.writeFloat(COST_STEP);
      out.writeFloat(BACKOFF_STEP);
      out.write(trainingSha256);
      out.writeUTF(description);
      out.writeInt(keys.length);
      int previous = 0;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] <= previous) {
          throw new IllegalArgumentException("keys must be positive and ascending");
        }
        writeVarint(out, keys[i] - previous);
        previous = keys[i];
        out.writeByte(quantize(costs[i], COST_STEP));
        if (length(keys[i]) < ORDER) {
          out.writeByte(quantize(backoffs[i], BACKOFF_STEP));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** How many symbols the n-gram with {@code key} has. */
  public static int length(int key) {
    int n = 0;
    for (int k = key; k > 0; k /= BASE) {
      n++;
    }
    return n;
  }

  private static int quantize(float bits, float step) {
    return (int) Math.max(0, Math.min(255, Math.round(bits / step)));
  }

  private static void writeVarint(DataOutputStream out, int value) throws IOException {
    int v = value;
    while ((v & ~0x7f) != 0) {
      out.writeByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int readVarint(DataInputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed varint");
  }

  @Override
  public String toString() {
    return "CharModel[" + description + ", sha=" + trainingSha256().substring(0, 12) + ", entries="
        + entries + "]";
  }
}
