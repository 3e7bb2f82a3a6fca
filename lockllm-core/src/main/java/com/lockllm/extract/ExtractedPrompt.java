package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import java.util.List;
import java.util.Objects;

/**
 * The prompt segments found in a request body, in document order, the format they were read as,
 * and the fields the model reads that could not be scanned ({@link Unscannable}), in document
 * order. A caller that forwards a body with unscannable fields forwards text nobody scanned; the
 * interceptor refuses it under fail-mode closed.
 */
public record ExtractedPrompt(PromptFormat format, List<PromptSegment> segments, List<Unscannable> unscannable) {
  public ExtractedPrompt {
    segments = List.copyOf(segments);
    unscannable = List.copyOf(unscannable);
  }

  public ExtractedPrompt(PromptFormat format, List<PromptSegment> segments) {
    this(format, segments, List.of());
  }

  /** Whether every field the model reads was scanned. */
  public boolean fullyScanned() {
    return unscannable.isEmpty();
  }

  /**
   * A field whose content reaches the model but not the scanner: its JSON Pointer and why (one of
   * the {@code REASON_*} constants).
   */
  public record Unscannable(String jsonPointer, String reason) {
    /** A legacy completions prompt given as token ids. */
    public static final String REASON_TOKEN_IDS = "token_ids";
    /** A binary document (a PDF, an office file) the model reads as text and the engine cannot. */
    public static final String REASON_BINARY_DOCUMENT = "binary_document";
    /** A document by URL or file id: the provider fetches it, the scanner never sees it. */
    public static final String REASON_REMOTE_DOCUMENT = "remote_document";
    /** Encoded data (base64, a {@code data:} URI) that does not decode to UTF-8 text. */
    public static final String REASON_UNDECODABLE = "undecodable";

    public Unscannable {
      Objects.requireNonNull(jsonPointer, "jsonPointer");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
