package com.lockllm.engine.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The uncased BERT WordPiece tokenizer of a Hugging Face {@code tokenizer.json} (BertNormalizer
 * with lower-casing and accent stripping, BertPreTokenizer, WordPiece), in plain Java so the engine
 * needs no native tokenizer library. Every operation before WordPiece works code point by code
 * point, which lets each token keep the span of the input it came from. Immutable, thread-safe.
 */
public final class WordPieceTokenizer {
  static final String UNK = "[UNK]";
  static final String CLS = "[CLS]";
  static final String SEP = "[SEP]";
  private static final int MAX_WORD_CHARS = 100;

  private final Map<String, Integer> vocab;
  private final int unkId;
  private final int clsId;
  private final int sepId;

  private WordPieceTokenizer(Map<String, Integer> vocab) {
    this.vocab = vocab;
    this.unkId = id(vocab, UNK);
    this.clsId = id(vocab, CLS);
    this.sepId = id(vocab, SEP);
  }

  /** Reads the WordPiece vocabulary of a {@code tokenizer.json}. */
  public static WordPieceTokenizer read(InputStream tokenizerJson) throws IOException {
    JsonNode model = new ObjectMapper().readTree(tokenizerJson).path("model");
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IOException("not a WordPiece tokenizer: " + model.path("type").asText());
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    return new WordPieceTokenizer(vocab);
  }

  public int clsId() {
    return clsId;
  }

  public int sepId() {
    return sepId;
  }

  /**
   * Windows of content token ids as one padded model input: {@code [CLS]} and {@code [SEP]} added,
   * rows as long as the longest, the attention mask marking the real tokens.
   *
   * @throws IllegalArgumentException for a window longer than {@code maxTokens} - 2
   */
  public Batch batch(int[][] windows, int maxTokens) {
    int rows = windows.length;
    int len = 0;
    for (int[] w : windows) {
      if (w.length > maxTokens - 2) {
        throw new IllegalArgumentException("window of " + w.length + " tokens is too long");
      }
      len = Math.max(len, w.length + 2);
    }
    long[] ids = new long[rows * len];
    long[] mask = new long[rows * len];
    for (int b = 0; b < rows; b++) {
      int[] w = windows[b];
      int o = b * len;
      ids[o] = clsId;
      for (int i = 0; i < w.length; i++) {
        ids[o + 1 + i] = w[i];
      }
      ids[o + 1 + w.length] = sepId;
      Arrays.fill(mask, o, o + w.length + 2, 1);
    }
    return new Batch(ids, mask, new long[] {rows, len});
  }

  /** A padded model input: {@code ids} and {@code mask} row-major, {@code shape} {@code [rows, tokens]}. */
  public record Batch(long[] ids, long[] mask, long[] shape) {}

  /** Token ids of {@code text} (no special tokens) with, per token, its span in {@code text}. */
  public Tokens tokenize(String text) {
    Tokens out = new Tokens(Math.max(16, text.length() / 3));
    StringBuilder word = new StringBuilder();
    int wordStart = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String norm = normalize(cp);
      for (int j = 0; j < norm.length(); ) {
        int c = norm.codePointAt(j);
        j += Character.charCount(c);
        if (c == ' ') {
          wordStart = flush(word, wordStart, i, out);
        } else if (isPunctuation(c) || isCjk(c)) {
          wordStart = flush(word, wordStart, i, out);
          word.appendCodePoint(c);
          flush(word, i, next, out);
        } else {
          if (wordStart < 0) {
            wordStart = i;
          }
          word.appendCodePoint(c);
        }
      }
      i = next;
    }
    flush(word, wordStart, text.length(), out);
    return out;
  }

  /** Ends the word in {@code word} at {@code end}; returns the start of the next word (none). */
  private int flush(StringBuilder word, int start, int end, Tokens out) {
    if (word.length() == 0) {
      return -1;
    }
    String w = word.toString();
    word.setLength(0);
    if (w.codePointCount(0, w.length()) > MAX_WORD_CHARS) {
      out.add(unkId, start, end);
      return -1;
    }
    int mark = out.size();
    for (int from = 0; from < w.length(); ) {
      int to = w.length();
      Integer id = null;
      while (to > from) {
        String piece = from == 0 ? w.substring(0, to) : "##" + w.substring(from, to);
        id = vocab.get(piece);
        if (id != null) {
          break;
        }
        to--;
        if (to > from && Character.isLowSurrogate(w.charAt(to))) {
          to--;
        }
      }
      if (id == null) {
        out.truncate(mark);
        out.add(unkId, start, end);
        return -1;
      }
      out.add(id, start, end);
      from = to;
    }
    return -1;
  }

  /** BertNormalizer for one code point: cleaned, CJK-isolated, accents stripped, lower-cased. */
  private static String normalize(int cp) {
    if (cp < 0x80) {
      if (cp == '\t' || cp == '\n' || cp == '\r' || cp == ' ') {
        return " ";
      }
      if (cp < 0x20 || cp == 0x7f) {
        return "";
      }
      return String.valueOf((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    }
    if (cp == 0xfffd || isControl(cp)) {
      return "";
    }
    if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
      return " ";
    }
    String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(nfd.length());
    nfd.codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .forEach(sb::appendCodePoint);
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isControl(int cp) {
    int t = Character.getType(cp);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
        || t == Character.SURROGATE || t == Character.UNASSIGNED;
  }

  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)
        || (c >= 123 && c <= 126)) {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION: case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }

  private static int id(Map<String, Integer> vocab, String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("vocabulary lacks " + token);
    }
    return id;
  }

  /** Token ids with the {@code [start, end)} span of the input each one came from. */
  public static final class Tokens {
    private int[] ids;
    private int[] starts;
    private int[] ends;
    private int size;

    Tokens(int capacity) {
      ids = new int[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
    }

    void add(int id, int start, int end) {
      if (size == ids.length) {
        int n = size * 2;
        ids = Arrays.copyOf(ids, n);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
      }
      ids[size] = id;
      starts[size] = start;
      ends[size] = end;
      size++;
    }

    void truncate(int newSize) {
      size = newSize;
    }

    public int size() {
      return size;
    }

    public int id(int i) {
      return ids[i];
    }

    public int start(int i) {
      return starts[i];
    }

    public int end(int i) {
      return ends[i];
    }

    /** The ids of tokens {@code [from, to)}. */
    public int[] ids(int from, int to) {
      Objects.checkFromToIndex(from, to, size);
      return Arrays.copyOfRange(ids, from, to);
    }
  }
}
