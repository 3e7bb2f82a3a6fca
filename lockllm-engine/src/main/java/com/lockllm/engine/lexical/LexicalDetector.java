package com.lockllm.engine.lexical;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.scan.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The learned lexical detector: a {@link LexicalModel} scored over every view of the normalized
 * text (primary, leetspeak, rot13, decoded base64 / hex / URL / tag characters); the most
 * suspicious view decides, so an attack hidden in an encoding scores as if written plainly.
 *
 * <p>The score is the calibrated probability of an attack, in percent, but only from the model's
 * {@link LexicalModel#gate() gate} up; below it the detector reports 0. On prompts from sources it
 * never saw, the model ranks attacks well above most benign text yet is overconfident on benign
 * persona and security prompts; the gate, set where its held-out false-positive rate is at most
 * 1% (also on hard negatives alone), keeps it from flagging those while the rules cover the rest. A linear
 * model over n-grams cannot point at a phrase honestly, so its finding ({@value #CATEGORY}) covers
 * the span of the deciding view: the whole window for the primary view, the encoded run for a
 * decoded one.
 *
 * <p>An attack buried in a long benign document is diluted by it: a view of more than {@value
 * #SEGMENT_CHARS} characters whose probability lies between {@value #SEGMENT_FLOOR} and the gate
 * is also scored in overlapping stretches of whole lines of at most {@value #SEGMENT_CHARS}
 * characters, and a stretch that scores higher decides (its finding covers the stretch). {@link
 * #probability(NormalizedText)}, which the training command calibrates on, stays the whole-view
 * score.
 * Thread-safe; each thread reuses one feature buffer.
 */
public final class LexicalDetector implements Detector {
  public static final String CATEGORY = "lexical_model";
  /** Resource holding the model that ships with the engine. */
  public static final String RESOURCE = "/com/lockllm/engine/lexical/lexical-model.bin";

  /** Views longer than this in the uncertain band are also scored stretch by stretch. */
  static final int SEGMENT_CHARS = 600;
  /**
   * The probability from which a long view's stretches are scored as well. Of the 885 benign
   * rows over {@value #SEGMENT_CHARS} characters of the shared datasets, 308 reach it (BIPIA
   * contexts 291 of 728, awesome-chatgpt-prompts 16 of 32, selfinstruct 1 of 32, gpteacher none
   * of 93); none of them reaches the gate through a stretch.
   */
  static final double SEGMENT_FLOOR = 0.5;

  private static final ThreadLocal<FeatureVector> BUFFER = ThreadLocal.withInitial(FeatureVector::new);

  private final LexicalModel model;

  private LexicalDetector(LexicalModel model) {
    this.model = model;
  }

  /** The detector with the model that ships with the engine, loaded once. */
  public static LexicalDetector create() {
    return Default.INSTANCE;
  }

  public static LexicalDetector of(LexicalModel model) {
    return new LexicalDetector(model);
  }

  public LexicalModel model() {
    return model;
  }

  /** Ungated probability (percent) over the most suspicious view, for evaluation. */
  public double probability(NormalizedText text) {
    FeatureVector x = BUFFER.get();
    double best = Double.NEGATIVE_INFINITY;
    for (NormalizedText.View view : text.views()) {
      if (!view.text().isEmpty()) {
        LexicalFeatures.extract(view.text(), x);
        best = Math.max(best, model.logit(x));
      }
    }
    return best == Double.NEGATIVE_INFINITY ? 0 : 100 * model.probability(best);
  }

  @Override
  public Detection detect(NormalizedText text) {
    FeatureVector x = BUFFER.get();
    double best = Double.NEGATIVE_INFINITY;
    NormalizedText.View deciding = null;
    int segmentStart = -1;
    int segmentEnd = -1;
    for (NormalizedText.View view : text.views()) {
      String t = view.text();
      if (t.isEmpty()) {
        continue;
      }
      LexicalFeatures.extract(t, x);
      double z = model.logit(x);
      if (z > best) {
        best = z;
        deciding = view;
        segmentStart = -1;
      }
      double p = model.probability(z);
      if (t.length() > SEGMENT_CHARS && p >= SEGMENT_FLOOR && p < model.gate()) {
        // A long text that scores high but not high enough may dilute an attack in benign
        // text around it: score its stretches of lines on their own too.
        int[] segments = segments(t);
        for (int k = 0; k < segments.length; k += 2) {
          LexicalFeatures.extract(t.substring(segments[k], segments[k + 1]), x);
          double zs = model.logit(x);
          if (zs > best) {
            best = zs;
            deciding = view;
            segmentStart = view.originalStart(segments[k]);
            segmentEnd = view.originalEnd(segments[k + 1]);
          }
        }
      }
    }
    if (deciding == null) {
      return Detection.none();
    }
    double p = model.probability(best);
    if (p < model.gate()) {
      return Detection.none();
    }
    double score = 100 * p;
    int start;
    int end;
    if (segmentStart >= 0) {
      start = segmentStart;
      end = segmentEnd;
    } else if (deciding.kind().obfuscated()) {
      start = deciding.originalStart(0);
      end = deciding.originalEnd(deciding.text().length());
    } else {
      start = text.from();
      end = text.to();
    }
    return new Detection(score, List.of(new Finding(start, end, CATEGORY, Math.round(score * 100) / 100.0)));
  }

  /**
   * Stretches of whole lines of {@code t} of at most {@value #SEGMENT_CHARS} characters, as
   * {@code {start, end, start, end, ...}}: consecutive lines are joined while they fit, a longer
   * line is cut after the last sentence end (or space) that fits, and each stretch after the
   * first starts at the line break past the middle of the one before, when it has one.
   */
  static int[] segments(String t) {
    int[] out = new int[8];
    int n = 0;
    int start = 0;
    int length = t.length();
    while (start < length) {
      int limit = Math.min(length, start + SEGMENT_CHARS);
      int end = limit;
      if (limit < length) {
        int line = t.lastIndexOf('\n', limit - 1);
        if (line > start) {
          end = line;
        } else {
          int cut = Math.max(t.lastIndexOf(". ", limit - 2),
              Math.max(t.lastIndexOf("? ", limit - 2), t.lastIndexOf("! ", limit - 2)));
          int space = t.lastIndexOf(' ', limit - 1);
          end = cut > start ? cut + 1 : space > start ? space : limit;
        }
      }
      if (n + 2 > out.length) {
        out = Arrays.copyOf(out, 2 * out.length);
      }
      out[n++] = start;
      out[n++] = end;
      // The next stretch starts at the first line break past the middle of this one, so that a
      // passage cut by a stretch's end is read whole by the next.
      int middle = end < length ? t.indexOf('\n', start + (end - start) / 2) : -1;
      start = middle > start && middle < end ? middle : end;
      while (start < length && (t.charAt(start) == '\n' || t.charAt(start) == ' ')) {
        start++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Ungated probability (percent) of one normalized text, as the training command sees it. */
  public double probability(String normalized) {
    FeatureVector x = BUFFER.get();
    LexicalFeatures.extract(normalized, x);
    return 100 * model.probability(model.logit(x));
  }

  private static final class Default {
    static final LexicalDetector INSTANCE = new LexicalDetector(load());

    private static LexicalModel load() {
      try (InputStream in = LexicalDetector.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("lexical model resource missing: " + RESOURCE);
        }
        return LexicalModel.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
