package com.lockllm.engine.transformer;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.engine.semantic.WordPieceTokenizer;
import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The transformer tier: a MiniLM encoder fine-tuned as an injection and jailbreak classifier,
 * quantized to int8 and run by ONNX Runtime. It scores the normalized views of a window in token
 * windows of {@link TransformerModel#WINDOW_TOKENS} that overlap by {@link #OVERLAP_TOKENS}, so an
 * instruction buried in a long benign document is judged on its own window rather than diluted;
 * the worst window of the most suspicious view decides.
 *
 * <p>The model ships in the {@code lockllm-engine-model} artifact; with it and ONNX Runtime on the
 * class path ({@link #available()}), {@code EmbeddedScanner.create()} runs this tier. It is
 * {@linkplain #expensive() expensive}: the scanner skips it when the rules have already decided.
 * Thread-safe; the model loads once per class loader.
 */
public final class TransformerDetector implements Detector {
  /** Finding category of a window the model flags. */
  public static final String CATEGORY = "transformer_model";
  /** Class-path resource of the WordPiece vocabulary, relative to this class. */
  public static final String TOKENIZER = "tokenizer.json";
  /** Tokens neighbouring windows share, so a sentence on a cut is seen whole by one of them. */
  public static final int OVERLAP_TOKENS = 32;
  /** Views beyond the primary one scored per window: decoded and re-read text, most-altered first. */
  static final int MAX_EXTRA_VIEWS = 3;
  private static final int BATCH = 8;

  private final TransformerModel model;

  private TransformerDetector(TransformerModel model) {
    this.model = model;
  }

  /**
   * Whether the model artifact and ONNX Runtime are both on the class path. Checked here, not in
   * {@link TransformerModel}: loading that class needs ONNX Runtime's classes to be there.
   */
  public static boolean available() {
    if (TransformerDetector.class.getResource(TransformerModel.MODEL) == null) {
      return false;
    }
    try {
      Class.forName("ai.onnxruntime.OrtEnvironment", false, TransformerDetector.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The shipped model, loaded on first call (about a second); one per class loader. */
  public static TransformerDetector create() {
    return new TransformerDetector(TransformerModel.shared());
  }

  /** A detector over another model (a candidate in training, say). */
  public static TransformerDetector of(TransformerModel model) {
    return new TransformerDetector(model);
  }

  public TransformerModel model() {
    return model;
  }

  /** One ONNX Runtime pass per window: milliseconds, where the rules take microseconds. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public Detection detect(NormalizedText text) {
    double worst = 0;
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int extra = 0;
    for (NormalizedText.View view : text.views()) {
      boolean primary = view == text.primary();
      if (view.text().isBlank() || !seen.add(view.text()) || (!primary && extra++ >= MAX_EXTRA_VIEWS)) {
        continue;
      }
      Window w = worstWindow(view.text());
      if (w == null) {
        continue;
      }
      double score = model.calibration().score(w.probability);
      worst = Math.max(worst, score);
      if (score >= model.calibration().findingScore()) {
        int s = view.originalStart(w.start);
        int e = view.originalEnd(w.end);
        if (e > s) {
          findings.add(new Finding(s, e, CATEGORY, score));
        }
      }
    }
    return worst == 0 && findings.isEmpty() ? Detection.none() : new Detection(worst, findings);
  }

  /** The model's probability for {@code text} (already normalized), its worst window's. */
  public double probability(String text) {
    Window w = worstWindow(text);
    return w == null ? 0 : w.probability;
  }

  private Window worstWindow(String text) {
    WordPieceTokenizer.Tokens tokens = model.tokenizer().tokenize(text);
    if (tokens.size() == 0) {
      return null;
    }
    int[][] spans = SemanticDetector.windows(tokens.size(), TransformerModel.WINDOW_TOKENS - 2, OVERLAP_TOKENS);
    Window worst = null;
    for (int b = 0; b < spans.length; b += BATCH) {
      int n = Math.min(BATCH, spans.length - b);
      int[][] batch = new int[n][];
      for (int i = 0; i < n; i++) {
        batch[i] = tokens.ids(spans[b + i][0], spans[b + i][1]);
      }
      float[] p = model.probabilities(batch);
      for (int i = 0; i < n; i++) {
        if (worst == null || p[i] > worst.probability) {
          int[] span = spans[b + i];
          worst = new Window(tokens.start(span[0]), tokens.end(span[1] - 1), p[i]);
        }
      }
    }
    return worst;
  }

  private record Window(int start, int end, double probability) {}
}
