package com.lockllm.engine.abuse;

/**
 * Counts int keys in an open-addressing table that grows up to a fixed capacity and then stops
 * taking new keys (known keys still count), so memory stays bounded whatever the input.
 */
final class IntCounter {
  private final int maxCapacity;
  private int[] keys;
  private int[] counts;
  private int size;

  IntCounter(int maxCapacity) {
    this.maxCapacity = Integer.highestOneBit(Math.max(16, maxCapacity));
    this.keys = new int[Math.min(64, this.maxCapacity)];
    this.counts = new int[keys.length];
  }

  /**
   * Adds one to {@code key}'s count; returns the count before, or 0 for a key the full table could
   * not take.
   */
  int increment(int key) {
    if (key == 0) {
      key = 1;
    }
    int slot = find(keys, key);
    if (keys[slot] == key) {
      return counts[slot]++;
    }
    if ((size + 1) * 2 > keys.length) {
      if (keys.length >= maxCapacity) {
        return 0;
      }
      grow();
      slot = find(keys, key);
    }
    keys[slot] = key;
    counts[slot] = 1;
    size++;
    return 0;
  }

  int capacity() {
    return keys.length;
  }

  /** Sum of the counts of the keys counted at least twice. */
  int repeatedTotal() {
    int total = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && counts[i] >= 2) {
        total += counts[i];
      }
    }
    return total;
  }

  private static int find(int[] table, int key) {
    int mask = table.length - 1;
    int slot = mix(key) & mask;
    while (table[slot] != 0 && table[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new int[oldKeys.length * 2];
    counts = new int[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
