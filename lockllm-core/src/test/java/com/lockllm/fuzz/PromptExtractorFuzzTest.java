package com.lockllm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.BodyRewriter;
import com.lockllm.extract.ExtractedPrompt;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptExtractor;
import com.lockllm.extract.PromptFormat;
import com.lockllm.scan.PromptSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Arbitrary bytes through {@link PromptExtractor} in every format: the only exceptions are
 * {@link LockLLMException}s, every sourced segment's range is a JSON string token of the body that
 * decodes to the segment's text (or, for a decoded document, holds it encoded), and {@link BodyRewriter} with identity replacements gives back
 * the body byte for byte. Seeds: {@code PromptExtractorFuzzTestInputs/extract/}.
 */
class PromptExtractorFuzzTest {
  private static final Set<String> ALL_ROLES = Set.copyOf(PromptSegment.ROLES);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<PromptExtractor> EXTRACTORS = extractors();

  private static List<PromptExtractor> extractors() {
    List<PromptExtractor> list = new ArrayList<>();
    for (PromptFormat format : PromptFormat.values()) {
      ExtractionConfig.Builder config = ExtractionConfig.builder().format(format).roles(ALL_ROLES);
      if (format == PromptFormat.POINTERS) {
        config.pointers(List.of("/prompt", "/messages/0/content", "/input", "/a/b/1"));
      }
      list.add(PromptExtractor.create(config.build()));
    }
    // default roles, a narrowed scope, and bounds small enough that fuzzer-sized inputs reach the 413 paths
    list.add(PromptExtractor.create(ExtractionConfig.defaults()));
    list.add(PromptExtractor.create(ExtractionConfig.builder().roles(Set.of(PromptSegment.ROLE_USER)).build()));
    list.add(PromptExtractor.create(ExtractionConfig.builder().maxBodyBytes(200).maxDepth(4).build()));
    return List.copyOf(list);
  }

  @FuzzTest(maxDuration = "30s")
  void extract(byte[] body) throws IOException {
    for (PromptExtractor extractor : EXTRACTORS) {
      ExtractedPrompt prompt;
      try {
        prompt = extractor.extract(body);
      } catch (LockLLMException expected) {
        continue;
      }
      check(body, prompt.segments());
    }
    // a slice of a larger array: source ranges index the array, not the slice
    byte[] padded = new byte[body.length + 6];
    Arrays.fill(padded, (byte) '"');
    System.arraycopy(body, 0, padded, 3, body.length);
    List<PromptSegment> whole;
    try {
      whole = EXTRACTORS.get(0).extract(body).segments();
    } catch (LockLLMException expected) {
      return;
    }
    List<PromptSegment> slice = EXTRACTORS.get(0).extract(padded, 3, body.length).segments();
    assertThat(slice).hasSameSizeAs(whole);
    for (int i = 0; i < whole.size(); i++) {
      PromptSegment w = whole.get(i);
      PromptSegment s = slice.get(i);
      assertThat(s.text()).isEqualTo(w.text());
      if (w.hasSource()) {
        assertThat(s.sourceStart()).isEqualTo(w.sourceStart() + 3);
        assertThat(s.sourceEnd()).isEqualTo(w.sourceEnd() + 3);
      }
    }
    check(padded, slice);
  }

  private static void check(byte[] body, List<PromptSegment> segments) throws IOException {
    List<PromptSegment> sourced = new ArrayList<>();
    for (PromptSegment segment : segments) {
      if (!segment.hasSource()) {
        continue;
      }
      int start = segment.sourceStart();
      int end = segment.sourceEnd();
      assertThat(start).isBetween(0, body.length - 2);
      assertThat(end).isBetween(start + 2, body.length);
      String token = MAPPER.readValue(body, start, end - start, String.class);
      if (segment.isEncoded()) {
        // decoded text: the token holds it encoded behind the same prefix
        assertThat(token).startsWith(segment.encoding().prefix());
      } else {
        assertThat(token).isEqualTo(segment.text());
      }
      sourced.add(segment);
    }
    List<String> same = sourced.stream().map(PromptSegment::text).toList();
    assertThat(BodyRewriter.rewrite(body, sourced, same)).isEqualTo(body);
  }
}
