package com.lockllm.train.semantic;

import com.lockllm.engine.semantic.SemanticHead;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the semantic head with Tribuo's {@link LinearSGDTrainer} and the logistic loss ({@link LogMulticlass}, which over two
 * classes is logistic regression)
 * and turns the two-class model into the engine's {@link SemanticHead}. Single-threaded with a
 * fixed seed, so the same examples in the same order give the same weights.
 */
public final class HeadTrainer {
  static final String ATTACK = "attack";
  static final String BENIGN = "benign";

  private final long seed;
  private final int epochs;
  private final double learningRate;

  public HeadTrainer(long seed, int epochs, double learningRate) {
    this.seed = seed;
    this.epochs = epochs;
    this.learningRate = learningRate;
  }

  /** One training example: an embedding, its label and its weight. */
  public record Sample(float[] embedding, boolean attack, double weight) {}

  public SemanticHead train(List<Sample> samples, String encoder, int windowTokens) {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    int dims = samples.get(0).embedding().length;
    // Unit-length embeddings have coordinates near 1/sqrt(d); scaling them to unit variance keeps
    // AdaGrad's step size meaningful. The scale is folded back into the exported weights.
    float scale = (float) Math.sqrt(dims);
    String[] names = new String[dims];
    for (int i = 0; i < dims; i++) {
      names[i] = String.format("e%03d", i);
    }
    LabelFactory factory = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      double[] values = new double[dims];
      for (int i = 0; i < dims; i++) {
        values[i] = s.embedding()[i] * scale;
      }
      ArrayExample<Label> ex = new ArrayExample<>(
          new Label(s.attack() ? ATTACK : BENIGN), names, values);
      ex.setWeight((float) s.weight());
      examples.add(ex);
    }
    MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(examples, factory,
        new SimpleDataSourceProvenance("semantic-embeddings", factory)));
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
        new AdaGrad(learningRate, 0.1), epochs, Integer.MAX_VALUE, 1, seed);
    LinearSGDModel model = trainer.train(data);

    DenseMatrix w = model.getWeightsCopy();
    int attack = model.getOutputIDInfo().getID(new Label(ATTACK));
    int benign = model.getOutputIDInfo().getID(new Label(BENIGN));
    int biasColumn = model.getFeatureIDMap().size();
    float[] weights = new float[dims];
    for (int i = 0; i < dims; i++) {
      int f = model.getFeatureIDMap().getID(names[i]);
      weights[i] = (float) ((w.get(attack, f) - w.get(benign, f)) * scale);
    }
    float bias = (float) (w.get(attack, biasColumn) - w.get(benign, biasColumn));
    return new SemanticHead(encoder, windowTokens, weights, bias);
  }
}
