package com.lockllm.engine.semantic;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.scan.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The semantic model: sentence embeddings of the normalized text (and of its decoded views) scored
 * by a trained logistic-regression head. Text longer than one window is cut into token windows
 * that overlap, and the worst window decides. The encoder loads on first use (or on {@link
 * #warmUp()}), once per detector; thread-safe.
 *
 * <p>Add it to a scanner with {@code EmbeddedScanner.builder().addDetector(SemanticDetector.create())}.
 * Its scores are not calibrated on prompts from unseen sources (many benign role prompts score
 * above 50), so like the lexical model it reports a score only from a gate up: {@link
 * #DEFAULT_GATE} for {@link #create()}, chosen on held-out benign rows; {@link #gated(double)}
 * sets another. It is {@linkplain #expensive() expensive}: the scanner can skip it when the cheap
 * detectors have already decided.
 */
public final class SemanticDetector implements Detector {
  /** Finding category of a window the model flags. */
  public static final String CATEGORY = "semantic";
  /** Windows scoring at least this much are reported as findings. */
  public static final double FINDING_SCORE = 50;
  /** Tokens neighbouring windows share, so a sentence on a cut is seen whole by one of them. */
  public static final int OVERLAP_TOKENS = 32;

  /**
   * Score below which {@link #create()} reports nothing: the lowest at which the detector alone
   * flags at most 1% of the held-out benign rows (see the engine README).
   */
  public static final double DEFAULT_GATE = 99.98;

  private static final String HEAD_RESOURCE = "head.txt";
  private static final int BATCH = 8;

  private final SemanticHead head;
  private final Supplier<SentenceEncoder> encoderSource;
  private final double gate;
  private volatile SentenceEncoder encoder;

  private SemanticDetector(SemanticHead head, Supplier<SentenceEncoder> encoderSource, double gate) {
    this.head = head;
    this.encoderSource = encoderSource;
    this.gate = gate;
  }

  /**
   * The committed head over the bundled encoder. All detectors made here share one encoder (one
   * {@code OrtSession}, one ONNX Runtime thread per call), loaded on first use. Gated at {@link
   * #DEFAULT_GATE}.
   */
  public static SemanticDetector create() {
    return new SemanticDetector(defaultHead(), SharedEncoder::get, DEFAULT_GATE);
  }

  /** Another head, or an encoder loaded differently (more threads, say); ungated. */
  public static SemanticDetector create(SemanticHead head, Supplier<SentenceEncoder> encoder) {
    return new SemanticDetector(head, Objects.requireNonNull(encoder, "encoder"), 0);
  }

  /**
   * This detector reporting only window scores of at least {@code gate} (0 to 100; 0 reports
   * every score). Shares the encoder source.
   */
  public SemanticDetector gated(double gate) {
    if (!(gate >= 0 && gate <= 100)) {
      throw new IllegalArgumentException("gate must be within [0, 100], got " + gate);
    }
    return new SemanticDetector(head, encoderSource, gate);
  }

  public double gate() {
    return gate;
  }

  /** A transformer pass per 256-token window: milliseconds, where the rules take microseconds. */
  @Override
  public boolean expensive() {
    return true;
  }

  /** The head that ships with the engine. */
  public static SemanticHead defaultHead() {
    try (InputStream in = SemanticDetector.class.getResourceAsStream(HEAD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + HEAD_RESOURCE);
      }
      return SemanticHead.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SemanticHead head() {
    return head;
  }

  /** Loads the encoder now rather than on the first scan. */
  public SemanticDetector warmUp() {
    encoder();
    return this;
  }

  @Override
  public Detection detect(NormalizedText text) {
    double worst = 0;
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (NormalizedText.View view : text.views()) {
      if (view.text().isBlank() || !seen.add(view.text())) {
        continue;
      }
      Window w = worstWindow(view.text());
      if (w == null || w.score < gate) {
        continue;
      }
      worst = Math.max(worst, w.score);
      if (w.score >= FINDING_SCORE) {
        int s = view.originalStart(w.start);
        int e = view.originalEnd(w.end);
        if (e > s) {
          findings.add(new Finding(s, e, CATEGORY, Math.min(100, w.score)));
        }
      }
    }
    return worst == 0 && findings.isEmpty() ? Detection.none()
        : new Detection(Math.min(100, worst), findings);
  }

  /** Ungated score of {@code text}, the worst of its windows; for evaluation and tools. */
  public double score(String text) {
    Window w = worstWindow(text);
    return w == null ? 0 : w.score;
  }

  private Window worstWindow(String text) {
    SentenceEncoder enc = encoder();
    WordPieceTokenizer.Tokens tokens = enc.tokenizer().tokenize(text);
    if (tokens.size() == 0) {
      return null;
    }
    int[][] spans = windows(tokens.size(), head.windowTokens() - 2, OVERLAP_TOKENS);
    Window worst = null;
    for (int b = 0; b < spans.length; b += BATCH) {
      int n = Math.min(BATCH, spans.length - b);
      int[][] batch = new int[n][];
      for (int i = 0; i < n; i++) {
        batch[i] = tokens.ids(spans[b + i][0], spans[b + i][1]);
      }
      float[][] emb = enc.embed(batch);
      for (int i = 0; i < n; i++) {
        double s = head.score(emb[i]);
        if (worst == null || s > worst.score) {
          int[] span = spans[b + i];
          worst = new Window(tokens.start(span[0]), tokens.end(span[1] - 1), s);
        }
      }
    }
    return worst;
  }

  /**
   * Token ranges {@code [from, to)} covering {@code n} tokens in windows of {@code size} that
   * overlap by {@code overlap}; the last window ends at {@code n}, reaching back to stay full.
   * Training cuts its windows with this too, so it sees what the detector scores.
   */
  public static int[][] windows(int n, int size, int overlap) {
    if (n <= size) {
      return new int[][] {{0, n}};
    }
    int step = size - overlap;
    int count = (n - size + step - 1) / step + 1;
    int[][] out = new int[count][];
    for (int i = 0; i < count; i++) {
      int from = Math.min(i * step, n - size);
      out[i] = new int[] {from, from + size};
    }
    return out;
  }

  private SentenceEncoder encoder() {
    SentenceEncoder e = encoder;
    if (e == null) {
      synchronized (this) {
        e = encoder;
        if (e == null) {
          e = encoderSource.get();
          if (!e.id().equals(head.encoder())) {
            throw new IllegalStateException(
                "head was trained on " + head.encoder() + ", encoder is " + e.id());
          }
          encoder = e;
        }
      }
    }
    return e;
  }

  private static final class SharedEncoder {
    static final SentenceEncoder INSTANCE = SentenceEncoder.load(1);

    static SentenceEncoder get() {
      return INSTANCE;
    }
  }

  private record Window(int start, int end, double score) {}
}
