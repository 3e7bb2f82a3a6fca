package com.lockllm.samples.gateway.keys;

/** Where the gateway looks a presented key up, by the key's SHA-256. */
interface KeyStore {
  /**
   * The entry whose digest is {@code sha256}, or {@code null}.
   *
   * @throws KeyStoreUnavailableException when the store cannot answer (Redis away, no cached answer)
   */
  KeyEntry find(byte[] sha256);

  /** The store could not tell whether a key is valid; the request is refused, never let through. */
  final class KeyStoreUnavailableException extends RuntimeException {
    KeyStoreUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}
