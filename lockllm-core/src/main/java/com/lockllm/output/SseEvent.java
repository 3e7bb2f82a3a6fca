package com.lockllm.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event as it came, with its fields read (WHATWG HTML, "event stream
 * interpretation"): lines end in CRLF, LF or CR; {@code event} and the {@code data} lines (joined
 * with LF) are kept; comments, {@code id} and {@code retry} lines are only copied. Not API.
 */
final class SseEvent {
  private final byte[] raw;
  /** per line: start, end of its content, end of its terminator */
  private final int[] lines;
  private final int lineCount;
  private final String name;
  private final String data;
  private final String lineEnd;

  private SseEvent(byte[] raw, int[] lines, int lineCount, String name, String data, String lineEnd) {
    this.raw = raw;
    this.lines = lines;
    this.lineCount = lineCount;
    this.name = name;
    this.data = data;
    this.lineEnd = lineEnd;
  }

  /** The event in {@code raw}: its lines, then the blank line that ends it (absent where the stream ended first). */
  static SseEvent parse(byte[] raw) {
    int[] lines = new int[24];
    int count = 0;
    String name = null;
    StringBuilder data = null;
    String lineEnd = null;
    for (int at = 0; at < raw.length; ) {
      int end = at;
      while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
        end++;
      }
      int next = end;
      if (next < raw.length) {
        next += raw[next] == '\r' && next + 1 < raw.length && raw[next + 1] == '\n' ? 2 : 1;
      }
      if (lineEnd == null && next > end) {
        lineEnd = new String(raw, end, next - end, StandardCharsets.ISO_8859_1);
      }
      if (count * 3 == lines.length) {
        lines = Arrays.copyOf(lines, lines.length * 2);
      }
      lines[count * 3] = at;
      lines[count * 3 + 1] = end;
      lines[count * 3 + 2] = next;
      count++;
      if (end > at) {
        int colon = indexOf(raw, at, end, (byte) ':');
        String field = new String(raw, at, (colon < 0 ? end : colon) - at, StandardCharsets.UTF_8);
        int value = colon < 0 ? end : valueStart(raw, colon, end);
        String text = new String(raw, value, end - value, StandardCharsets.UTF_8);
        if (field.equals("event")) {
          name = text;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(text) : data.append('\n').append(text);
        }
      }
      at = next;
    }
    return new SseEvent(raw, lines, count, name, data == null ? null : data.toString(), lineEnd == null ? "\n" : lineEnd);
  }

  /** An event of our own: {@code event} (or none when null), then {@code data} on one line. */
  static byte[] of(String event, String data, String lineEnd) {
    StringBuilder s = new StringBuilder(data.length() + 32);
    if (event != null) {
      s.append("event: ").append(event).append(lineEnd);
    }
    return s.append("data: ").append(data).append(lineEnd).append(lineEnd).toString().getBytes(StandardCharsets.UTF_8);
  }

  byte[] raw() {
    return raw;
  }

  /** The {@code event} field, or {@code null}. */
  String name() {
    return name;
  }

  /** The data lines joined, or {@code null} when there are none. */
  String data() {
    return data;
  }

  /** The terminator of the event's first line; LF when it has none. */
  String lineEnd() {
    return lineEnd;
  }

  /** This event with {@code newData} on its first data line and no other: every other line as it came. */
  byte[] withData(String newData) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 16);
    boolean written = false;
    for (int i = 0; i < lineCount; i++) {
      int start = lines[i * 3];
      int end = lines[i * 3 + 1];
      int next = lines[i * 3 + 2];
      int colon = indexOf(raw, start, end, (byte) ':');
      boolean dataLine = (colon < 0 ? end : colon) - start == 4 && startsWithData(raw, start);
      if (!dataLine) {
        out.write(raw, start, next - start);
      } else if (!written) {
        written = true;
        int prefixEnd = colon < 0 ? end : valueStart(raw, colon, end);
        out.write(raw, start, prefixEnd - start);
        if (colon < 0) {
          out.write(':');
        }
        out.writeBytes(newData.getBytes(StandardCharsets.UTF_8));
        out.write(raw, end, next - end);
      }
    }
    return out.toByteArray();
  }

  private static boolean startsWithData(byte[] raw, int start) {
    return raw[start] == 'd' && raw[start + 1] == 'a' && raw[start + 2] == 't' && raw[start + 3] == 'a';
  }

  private static int valueStart(byte[] raw, int colon, int end) {
    return colon + 1 < end && raw[colon + 1] == ' ' ? colon + 2 : colon + 1;
  }

  private static int indexOf(byte[] raw, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
