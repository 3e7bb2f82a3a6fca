package com.lockllm.extract;

import java.util.List;

/** The prompt segments found in a request body, in document order, and the format they were read as. */
public record ExtractedPrompt(PromptFormat format, List<PromptSegment> segments) {
  public ExtractedPrompt {
    segments = List.copyOf(segments);
  }
}
