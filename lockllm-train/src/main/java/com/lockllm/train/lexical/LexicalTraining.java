package com.lockllm.train.lexical;

import com.lockllm.engine.lexical.FeatureVector;
import com.lockllm.engine.lexical.LexicalFeatures;
import com.lockllm.engine.lexical.LexicalModel;
import com.lockllm.engine.normalize.Normalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the lexical model with Tribuo (logistic regression by SGD with AdaGrad, fixed seed), copies
 * its weights into the engine's {@link LexicalModel} format and calibrates the quantized model by
 * Platt scaling on a separate slice. Same rows and settings give the same bytes.
 */
public final class LexicalTraining {
  static final String ATTACK = "attack";
  static final String BENIGN = "benign";
  private static final String[] NAMES = new String[LexicalFeatures.BUCKETS];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAMES[i] = "h" + i;
    }
  }

  /** Optimiser settings; {@link #DEFAULT} is what the committed model was trained with. */
  public record Settings(int epochs, double learningRate, long seed) {
    public static final Settings DEFAULT = new Settings(3, 0.1, 20240601L);

    String describe() {
      return "Tribuo LinearSGDTrainer(LogMulticlass, AdaGrad(" + learningRate + ", 0.1), epochs="
          + epochs + ", minibatch=1, seed=" + seed + ")";
    }
  }

  /** The exported, calibrated weights; {@link #bytes} writes them with a gate. */
  public record Result(float[] weights, float bias, float calibrationA, float calibrationC,
      byte[] inputsSha256, String description) {
    public byte[] bytes(float gate) {
      return LexicalModel.write(weights, bias, calibrationA, calibrationC, gate, inputsSha256, description);
    }

    public LexicalModel model(float gate) {
      return read(bytes(gate));
    }
  }

  private final Normalizer normalizer = Normalizer.create();

  /** Normalized primary view: what the engine's detector sees first. */
  String normalize(String text) {
    return normalizer.normalize(text).primary().text();
  }

  public Result train(List<Row> fit, List<Row> calibration, Settings settings, byte[] inputsSha256,
      String description) {
    LinearSGDModel tribuo = fitTribuo(fit, settings);
    float[] weights = new float[LexicalFeatures.BUCKETS];
    float bias = exportWeights(tribuo, weights);
    String full = description + "; " + settings.describe();
    LexicalModel raw = read(LexicalModel.write(weights, bias, 1, 0, 0, inputsSha256, full));
    double[] logits = new double[calibration.size()];
    int[] labels = new int[calibration.size()];
    FeatureVector x = new FeatureVector();
    for (int i = 0; i < logits.length; i++) {
      LexicalFeatures.extract(normalize(calibration.get(i).text()), x);
      logits[i] = raw.logit(x);
      labels[i] = calibration.get(i).label();
    }
    double[] ac = Platt.fit(logits, labels);
    return new Result(weights, bias, (float) ac[0], (float) ac[1], inputsSha256, full);
  }

  private LinearSGDModel fitTribuo(List<Row> fit, Settings settings) {
    long positives = fit.stream().filter(r -> r.label() == 1).count();
    // The minority class weighs as much as the majority in total; Platt scaling restores the prior.
    float positiveWeight = positives == 0 ? 1 : (float) (fit.size() - positives) / positives;
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(
        new SimpleDataSourceProvenance("lockllm shared datasets (training sources)", factory), factory);
    FeatureVector x = new FeatureVector();
    for (Row row : fit) {
      LexicalFeatures.extract(normalize(row.text()), x);
      boolean attack = row.label() == 1;
      String[] names = new String[x.size()];
      double[] values = new double[x.size()];
      for (int i = 0; i < x.size(); i++) {
        names[i] = NAMES[x.index(i)];
        values[i] = x.value(i);
      }
      // The array constructor sorts once; add(name, value) would re-sort on every call.
      ArrayExample<Label> example = new ArrayExample<>(new Label(attack ? ATTACK : BENIGN), names, values);
      example.setWeight(attack ? positiveWeight : 1f);
      data.add(example);
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
        new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), Integer.MAX_VALUE, 1,
        settings.seed());
    return trainer.train(data);
  }

  /**
   * Two-class softmax is logistic regression on the difference of the two rows: {@code w = w_attack
   * - w_benign}; Tribuo keeps the bias in the last column.
   */
  private static float exportWeights(LinearSGDModel model, float[] weights) {
    DenseMatrix w = model.getWeightsCopy();
    ImmutableFeatureMap features = model.getFeatureIDMap();
    int attack = model.getOutputIDInfo().getID(new Label(ATTACK));
    int benign = model.getOutputIDInfo().getID(new Label(BENIGN));
    if (w.getDimension2Size() != features.size() + 1 || attack < 0 || benign < 0) {
      throw new IllegalStateException("unexpected Tribuo weight layout " + w.getDimension1Size()
          + "x" + w.getDimension2Size() + " for " + features.size() + " features");
    }
    for (int bucket = 0; bucket < weights.length; bucket++) {
      int id = features.getID(NAMES[bucket]);
      if (id >= 0) {
        weights[bucket] = (float) (w.get(attack, id) - w.get(benign, id));
      }
    }
    int b = features.size();
    return (float) (w.get(attack, b) - w.get(benign, b));
  }

  private static LexicalModel read(byte[] bytes) {
    try {
      return LexicalModel.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
