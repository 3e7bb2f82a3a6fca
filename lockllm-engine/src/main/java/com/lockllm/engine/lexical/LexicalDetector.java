package com.lockllm.engine.lexical;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.scan.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Thread-safe; each thread reuses one feature buffer.
 */
public final class LexicalDetector implements Detector {
  public static final String CATEGORY = "lexical_model";
  /** Resource holding the model that ships with the engine. */
  public static final String RESOURCE = "/com/lockllm/engine/lexical/lexical-model.bin";

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
    for (NormalizedText.View view : text.views()) {
      if (view.text().isEmpty()) {
        continue;
      }
      LexicalFeatures.extract(view.text(), x);
      double z = model.logit(x);
      if (z > best) {
        best = z;
        deciding = view;
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
    int start = deciding.kind().obfuscated() ? deciding.originalStart(0) : text.from();
    int end = deciding.kind().obfuscated() ? deciding.originalEnd(deciding.text().length()) : text.to();
    return new Detection(score, List.of(new Finding(start, end, CATEGORY, Math.round(score * 100) / 100.0)));
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
