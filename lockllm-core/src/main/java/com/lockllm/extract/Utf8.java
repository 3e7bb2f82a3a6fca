package com.lockllm.extract;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms ({@code C0 AF} for {@code /}), no
 * UTF-16 surrogates ({@code ED A0 80}), nothing above U+10FFFF, no stray continuation bytes or
 * truncated sequences. Jackson's UTF-8 parser decodes some of these leniently, and an upstream
 * that decodes them differently would read text the scan did not see. ASCII is checked eight
 * bytes at a time. Not API.
 */
final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The offset of the first byte of {@code b[off, off+len)} that is not valid UTF-8, or -1. */
  static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      // ASCII fast path: whole words without a high bit
      while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
      }
      if (i >= end) {
        break;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int need;
      int min2 = 0x80;
      int max2 = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c == 0xE0) {
        need = 2;
        min2 = 0xA0; // below: overlong
      } else if (c == 0xED) {
        need = 2;
        max2 = 0x9F; // above: surrogates
      } else if (c >= 0xE1 && c <= 0xEF) {
        need = 2;
      } else if (c == 0xF0) {
        need = 3;
        min2 = 0x90; // below: overlong
      } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
      } else if (c == 0xF4) {
        need = 3;
        max2 = 0x8F; // above: beyond U+10FFFF
      } else {
        return i; // C0, C1 (overlong), F5..FF, or a stray continuation byte
      }
      if (i + need >= end) {
        return i;
      }
      int second = b[i + 1] & 0xff;
      if (second < min2 || second > max2) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int cont = b[i + k] & 0xff;
        if (cont < 0x80 || cont > 0xBF) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}
