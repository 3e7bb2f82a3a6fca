package com.lockllm.engine.transformer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.lockllm.engine.semantic.Onnx;
import com.lockllm.engine.semantic.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The fine-tuned classifier: an ONNX graph taking {@code input_ids} and {@code attention_mask}
 * ({@code [batch, tokens]}, int64) and returning one {@code logit} per row, its WordPiece
 * vocabulary and its {@link Calibration}. Thread-safe ({@code OrtSession.run} may be called
 * concurrently); {@link AutoCloseable} for tools that load candidates.
 */
public final class TransformerModel implements AutoCloseable {
  /** Class-path resource of the graph, relative to this class. */
  public static final String MODEL = "model.onnx";
  /** Class-path resource of the calibration, relative to this class. */
  public static final String CALIBRATION = "calibration.properties";
  /** Tokens per window, {@code [CLS]} and {@code [SEP]} included: what the model was trained on. */
  public static final int WINDOW_TOKENS = 128;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final Calibration calibration;

  private TransformerModel(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer,
      Calibration calibration) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.calibration = calibration;
  }

  /** The shipped model with one ONNX Runtime thread per call, loaded once. */
  public static TransformerModel shared() {
    return Shared.INSTANCE;
  }

  /**
   * Loads a model. {@code threads} is ONNX Runtime's intra-op thread count per call: 1 suits a
   * server that scans many prompts at once, more suits one big batch.
   */
  public static TransformerModel load(byte[] onnx, InputStream tokenizerJson, Calibration calibration,
      int threads) {
    try {
      WordPieceTokenizer tokenizer = WordPieceTokenizer.read(tokenizerJson);
      OrtEnvironment env = Onnx.environment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return new TransformerModel(env, env.createSession(onnx, options), tokenizer, calibration);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the transformer model", e);
    }
  }

  /** The class-path model with another calibration (or the shipped one) and thread count. */
  public static TransformerModel loadShipped(Calibration calibration, int threads) {
    try (InputStream model = resource(MODEL); InputStream vocab = resource(TransformerDetector.TOKENIZER)) {
      Calibration c = calibration;
      if (c == null) {
        try (InputStream in = resource(CALIBRATION)) {
          c = Calibration.read(in);
        }
      }
      return load(model.readAllBytes(), vocab, c, threads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  public Calibration calibration() {
    return calibration;
  }

  /**
   * Attack probability of each window. A window holds content token ids only ({@code [CLS]} and
   * {@code [SEP]} are added), at most {@link #WINDOW_TOKENS} - 2 of them.
   */
  public float[] probabilities(int[][] windows) {
    WordPieceTokenizer.Batch input = tokenizer.batch(windows, WINDOW_TOKENS);
    int batch = windows.length;
    long[] shape = input.shape();
    try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(input.ids()), shape);
        OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(input.mask()), shape);
        OrtSession.Result result = session.run(Map.of("input_ids", tIds, "attention_mask", tMask))) {
      float[] logits = (float[]) result.get(0).getValue();
      float[] p = new float[batch];
      for (int b = 0; b < batch; b++) {
        p[b] = (float) (1 / (1 + Math.exp(-logits[b])));
      }
      return p;
    } catch (OrtException e) {
      throw new IllegalStateException("transformer inference failed", e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = TransformerModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing class-path resource " + name + " (add lockllm-engine-model)");
    }
    return in;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Shared {
    static final TransformerModel INSTANCE = loadShipped(null, 1);
  }
}
