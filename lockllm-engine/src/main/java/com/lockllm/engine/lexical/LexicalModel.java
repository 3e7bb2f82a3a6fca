package com.lockllm.engine.lexical;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * A linear model over {@link LexicalFeatures}: one weight per bucket, a bias and a Platt
 * calibration {@code p = sigmoid(a * (w·x + b) + c)}. Immutable.
 *
 * <p>Binary format (big-endian), version {@value #FORMAT_VERSION}: magic {@code LXMD}, format
 * version, feature configuration (hash bits, word n-gram max, char n-gram min and max), bias,
 * calibration {@code a} and {@code c}, the gate, weight scale, the SHA-256 of the training inputs (32
 * bytes), a description (modified UTF-8), the weight count and one signed byte per weight; a
 * weight is its byte times the scale. Int8 keeps the resource at 256 KB; the training command
 * evaluates the quantized model, so the published figures are those of the shipped weights.
 */
public final class LexicalModel {
  public static final int FORMAT_VERSION = 1;
  private static final int MAGIC = 0x4c584d44;

  private final float[] weights;
  private final float bias;
  private final float calibrationA;
  private final float calibrationC;
  private final float gate;
  private final byte[] trainingSha256;
  private final String description;

  private LexicalModel(float[] weights, float bias, float calibrationA, float calibrationC,
      float gate, byte[] trainingSha256, String description) {
    this.weights = weights;
    this.bias = bias;
    this.calibrationA = calibrationA;
    this.calibrationC = calibrationC;
    this.gate = gate;
    this.trainingSha256 = trainingSha256;
    this.description = description;
  }

  /** Reads a model written by {@link #write}; rejects other feature configurations. */
  public static LexicalModel read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a lexical model (bad magic)");
    }
    int version = data.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported lexical model version " + version);
    }
    int bits = data.readInt();
    int wordMax = data.readInt();
    int charMin = data.readInt();
    int charMax = data.readInt();
    if (bits != LexicalFeatures.HASH_BITS || wordMax != LexicalFeatures.WORD_MAX
        || charMin != LexicalFeatures.CHAR_MIN || charMax != LexicalFeatures.CHAR_MAX) {
      throw new IOException("lexical model was trained for other features: bits=" + bits
          + " words<=" + wordMax + " chars " + charMin + "-" + charMax);
    }
    float bias = data.readFloat();
    float a = data.readFloat();
    float c = data.readFloat();
    float gate = data.readFloat();
    float scale = data.readFloat();
    byte[] sha = new byte[32];
    data.readFully(sha);
    String description = data.readUTF();
    int count = data.readInt();
    if (count != LexicalFeatures.BUCKETS) {
      throw new IOException("expected " + LexicalFeatures.BUCKETS + " weights, got " + count);
    }
    byte[] quantized = new byte[count];
    data.readFully(quantized);
    float[] weights = new float[count];
    for (int i = 0; i < count; i++) {
      weights[i] = quantized[i] * scale;
    }
    return new LexicalModel(weights, bias, a, c, gate, sha, description);
  }

  /**
   * Quantizes {@code weights} (one per bucket) to int8 with one scale and writes the model in the
   * format {@link #read} expects. Deterministic: equal inputs give equal bytes.
   */
  public static byte[] write(float[] weights, float bias, float calibrationA, float calibrationC,
      float gate, byte[] trainingSha256, String description) {
    if (weights.length != LexicalFeatures.BUCKETS || trainingSha256.length != 32) {
      throw new IllegalArgumentException("need " + LexicalFeatures.BUCKETS
          + " weights and a 32-byte SHA-256");
    }
    float max = 0;
    for (float w : weights) {
      max = Math.max(max, Math.abs(w));
    }
    float scale = max == 0 ? 1 : max / 127;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(LexicalFeatures.BUCKETS + 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(LexicalFeatures.HASH_BITS);
      out.writeInt(LexicalFeatures.WORD_MAX);
      out.writeInt(LexicalFeatures.CHAR_MIN);
      out.writeInt(LexicalFeatures.CHAR_MAX);
      out.writeFloat(bias);
      out.writeFloat(calibrationA);
      out.writeFloat(calibrationC);
      out.writeFloat(gate);
      out.writeFloat(scale);
      out.write(trainingSha256);
      out.writeUTF(description);
      out.writeInt(weights.length);
      for (float w : weights) {
        out.writeByte(Math.round(w / scale));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The uncalibrated score {@code w·x + b}. */
  public double logit(FeatureVector x) {
    double z = bias;
    for (int i = 0; i < x.size(); i++) {
      z += weights[x.index(i)] * x.value(i);
    }
    return z;
  }

  /** Calibrated probability of an attack for a raw {@link #logit}. */
  public double probability(double logit) {
    return 1 / (1 + Math.exp(-(calibrationA * logit + calibrationC)));
  }

  /**
   * The probability from which the model's verdict counts (see {@link LexicalDetector}), chosen by
   * the training command from false-positive targets on held-out benign sources.
   */
  public float gate() {
    return gate;
  }

  public float weight(int bucket) {
    return weights[bucket];
  }

  public float calibrationA() {
    return calibrationA;
  }

  public float calibrationC() {
    return calibrationC;
  }

  /** Hex SHA-256 of the training inputs recorded in the header. */
  public String trainingSha256() {
    return HexFormat.of().formatHex(trainingSha256);
  }

  /** What the training command wrote about the model (split, epochs, seed). */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "LexicalModel[" + description + ", sha=" + trainingSha256().substring(0, 12)
        + ", nonzero=" + nonZero() + "]";
  }

  private int nonZero() {
    int n = 0;
    for (float w : weights) {
      n += w != 0 ? 1 : 0;
    }
    return n;
  }
}
