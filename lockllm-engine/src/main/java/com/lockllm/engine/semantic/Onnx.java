package com.lockllm.engine.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * The process's ONNX Runtime environment, with its telemetry off. ONNX Runtime 1.29 ships a usage
 * telemetry client on Linux too (HTTPS uploads where a CA bundle is found); an engine sold as
 * air-gapped sends nothing, so every session is made from this environment. Setting {@code
 * ORT_DISABLE_TELEMETRY=1} in the process environment also stops it before the environment exists.
 * Not API.
 */
public final class Onnx {
  private Onnx() {}

  public static OrtEnvironment environment() throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    env.setTelemetry(false);
    return env;
  }
}
