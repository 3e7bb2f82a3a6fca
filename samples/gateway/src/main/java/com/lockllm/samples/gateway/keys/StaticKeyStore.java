package com.lockllm.samples.gateway.keys;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The keys of the configuration. A lookup compares the presented key's digest with every
 * configured digest, in full and in constant time ({@link MessageDigest#isEqual}), never stopping at
 * the first match: how long it takes says nothing about which key, or how much of one, matched.
 */
final class StaticKeyStore implements KeyStore {
  private final List<KeyEntry> entries;

  StaticKeyStore(List<KeyEntry> entries) {
    Set<String> seen = new HashSet<>();
    for (KeyEntry e : entries) {
      if (!seen.add(HexFormat.of().formatHex(e.sha256()))) {
        throw new IllegalArgumentException("two gateway keys have the same digest (" + e.name()
            + "): each key must be configured once");
      }
    }
    this.entries = List.copyOf(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  @Override
  public KeyEntry find(byte[] sha256) {
    KeyEntry found = null;
    for (KeyEntry e : entries) {
      boolean equal = MessageDigest.isEqual(e.sha256(), sha256);
      found = equal && found == null ? e : found;
    }
    return found;
  }
}
