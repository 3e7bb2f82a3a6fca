package com.lockllm.engine.semantic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The trained classification head over sentence embeddings: logistic regression, {@code score =
 * 100 * sigmoid(w · e + bias)}. Trained with balanced class weights, so 50 means equal odds of
 * attack and benign before any prior. Stored as a small text file ({@code key value...} lines,
 * floats in Java's shortest round-trip form) so the committed resource diffs and reviews as text
 * and rewriting it from the same weights gives the same bytes.
 */
public final class SemanticHead {
  /** First line of every head file; the number is the format version. */
  public static final String MAGIC = "lockllm-semantic-head 1";

  private final String encoder;
  private final int windowTokens;
  private final float[] weights;
  private final float bias;

  public SemanticHead(String encoder, int windowTokens, float[] weights, float bias) {
    if (encoder.isBlank() || encoder.contains(" ")) {
      throw new IllegalArgumentException("encoder id must be one word, got '" + encoder + "'");
    }
    if (windowTokens < 8 || windowTokens > SentenceEncoder.MAX_TOKENS) {
      throw new IllegalArgumentException("window tokens out of range: " + windowTokens);
    }
    this.encoder = encoder;
    this.windowTokens = windowTokens;
    this.weights = weights.clone();
    this.bias = bias;
  }

  /** Which encoder the head was trained on ({@link SentenceEncoder#id()}). */
  public String encoder() {
    return encoder;
  }

  /** Tokens per window the head was trained on, {@code [CLS]} and {@code [SEP]} included. */
  public int windowTokens() {
    return windowTokens;
  }

  public int dimensions() {
    return weights.length;
  }

  public float[] weights() {
    return weights.clone();
  }

  public float bias() {
    return bias;
  }

  /** The head's logit for one embedding. */
  public double margin(float[] embedding) {
    if (embedding.length != weights.length) {
      throw new IllegalArgumentException(
          "embedding has " + embedding.length + " dimensions, head " + weights.length);
    }
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += (double) weights[i] * embedding[i];
    }
    return z;
  }

  /** Attack score 0–100 of one embedding. */
  public double score(float[] embedding) {
    return 100 / (1 + Math.exp(-margin(embedding)));
  }

  public void write(OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(MAGIC + "\n");
    w.write("encoder " + encoder + "\n");
    w.write("window_tokens " + windowTokens + "\n");
    w.write("dimensions " + weights.length + "\n");
    w.write("bias " + bias + "\n");
    w.write("weights");
    for (float f : weights) {
      w.write(" " + f);
    }
    w.write("\n");
    w.flush();
  }

  public static SemanticHead read(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = r.readLine();
    if (!MAGIC.equals(first)) {
      throw new IOException("not a semantic head (first line '" + first + "')");
    }
    Map<String, String> fields = new HashMap<>();
    for (String line; (line = r.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      int sp = line.indexOf(' ');
      if (sp < 0) {
        throw new IOException("malformed line: " + line);
      }
      fields.put(line.substring(0, sp), line.substring(sp + 1));
    }
    try {
      int dims = Integer.parseInt(required(fields, "dimensions"));
      String[] parts = required(fields, "weights").trim().split(" ");
      if (parts.length != dims) {
        throw new IOException("expected " + dims + " weights, found " + parts.length);
      }
      float[] weights = new float[dims];
      for (int i = 0; i < dims; i++) {
        weights[i] = Float.parseFloat(parts[i]);
      }
      return new SemanticHead(required(fields, "encoder"),
          Integer.parseInt(required(fields, "window_tokens")), weights,
          Float.parseFloat(required(fields, "bias")));
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed semantic head: " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> fields, String key) throws IOException {
    String v = fields.get(key);
    if (v == null) {
      throw new IOException("semantic head lacks '" + key + "'");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemanticHead h && encoder.equals(h.encoder)
        && windowTokens == h.windowTokens && Arrays.equals(weights, h.weights)
        && Float.floatToIntBits(bias) == Float.floatToIntBits(h.bias);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Float.hashCode(bias);
  }
}
