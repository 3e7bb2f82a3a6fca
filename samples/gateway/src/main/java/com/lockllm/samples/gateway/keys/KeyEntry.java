package com.lockllm.samples.gateway.keys;

import java.util.Set;

/** A checked key: its name, the SHA-256 of the key, its flags. {@link #toString()} leaves the digest out. */
record KeyEntry(String name, byte[] sha256, Set<KeyFlag> flags) {
  KeyEntry {
    flags = Set.copyOf(flags);
  }

  @Override
  public String toString() {
    return "KeyEntry[" + name + ", " + flags + "]";
  }
}
