package com.lockllm.samples.gateway.keys;

/** The configured keys first, then Redis's when a fleet keeps its keys there. */
record CompositeKeyStore(StaticKeyStore configured, KeyStore redis) implements KeyStore {
  @Override
  public KeyEntry find(byte[] sha256) {
    KeyEntry entry = configured.find(sha256);
    return entry != null || redis == null ? entry : redis.find(sha256);
  }
}
