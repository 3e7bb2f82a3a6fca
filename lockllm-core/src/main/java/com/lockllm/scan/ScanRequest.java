package com.lockllm.scan;

import java.util.List;
import java.util.Objects;

/**
 * What to scan: the prompt segments taken from a request, in order, and the options to scan them
 * with. Scanners see the segments joined into one {@link #input()}, each separated from the next by
 * {@link #SEPARATOR}, and report {@link Finding findings} as offsets into that text.
 */
public final class ScanRequest {
  /** Placed between segments in {@link #input()}. */
  public static final String SEPARATOR = "\n\n";

  private final List<PromptSegment> segments;
  private final ScanOptions options;
  private final String input;
  private final int[] segmentStarts;

  private ScanRequest(List<PromptSegment> segments, ScanOptions options) {
    this.segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    if (this.segments.isEmpty()) {
      throw new IllegalArgumentException("a scan request needs at least one segment");
    }
    this.options = Objects.requireNonNull(options, "options");
    this.segmentStarts = new int[this.segments.size()];
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < this.segments.size(); i++) {
      if (i > 0) {
        joined.append(SEPARATOR);
      }
      segmentStarts[i] = joined.length();
      joined.append(this.segments.get(i).text());
    }
    this.input = joined.toString();
  }

  public static ScanRequest of(List<PromptSegment> segments, ScanOptions options) {
    return new ScanRequest(segments, options);
  }

  /** A request for one piece of text. */
  public static ScanRequest of(String text, ScanOptions options) {
    return new ScanRequest(List.of(PromptSegment.of(text)), options);
  }

  public List<PromptSegment> segments() {
    return segments;
  }

  public ScanOptions options() {
    return options;
  }

  /** The segments' texts joined with {@link #SEPARATOR}: the text the LockLLM API receives as {@code input}. */
  public String input() {
    return input;
  }

  /** Where segment {@code index} starts in {@link #input()}. */
  public int segmentStart(int index) {
    return segmentStarts[index];
  }

  /** This request with other options. */
  public ScanRequest withOptions(ScanOptions newOptions) {
    return new ScanRequest(segments, newOptions);
  }

  @Override
  public String toString() {
    return "ScanRequest{segments=" + segments.size() + ", chars=" + input.length() + ", options=" + options + '}';
  }
}
