package com.lockllm.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.Finding;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingScannerTest {
  final AtomicInteger scans = new AtomicInteger();
  final Scanner counting = request -> {
    scans.incrementAndGet();
    return ScanResponse.builder().safe(true).label(0).injection(1.0).confidence(99.0)
        .sensitivity(request.options().resolved().sensitivity()).requestId("req_" + scans.get()).build();
  };

  static ScanRequest request(String text, Sensitivity sensitivity) {
    return ScanRequest.of(text, ScanOptions.builder().sensitivity(sensitivity).build());
  }

  @Test
  void theSameRequestIsScannedOnce() throws Exception {
    CachingScanner scanner = CachingScanner.create(counting);
    ScanResponse first = scanner.scan(request("hello", Sensitivity.MEDIUM));
    assertThat(scanner.scan(request("hello", Sensitivity.MEDIUM))).isEqualTo(first);
    assertThat(scanner.scanAsync(request("hello", Sensitivity.MEDIUM)).toCompletableFuture().get()).isEqualTo(first);
    assertThat(scans).hasValue(1);
    assertThat(scanner.hits()).isEqualTo(2);
    assertThat(scanner.misses()).isEqualTo(1);
  }

  @Test
  void otherTextOptionsOrSegmentationAreOtherKeys() {
    CachingScanner scanner = CachingScanner.create(counting);
    scanner.scan(request("hello", Sensitivity.MEDIUM));
    scanner.scan(request("hello", Sensitivity.HIGH));
    scanner.scan(request("hello!", Sensitivity.MEDIUM));
    ScanOptions options = ScanOptions.builder().sensitivity(Sensitivity.MEDIUM).build();
    // "ab" + "c" and "a" + "bc" join to different inputs anyway; same joined text, other split:
    scanner.scan(ScanRequest.of(List.of(PromptSegment.of("a\n\nb")), options));
    scanner.scan(ScanRequest.of(List.of(PromptSegment.of("a"), PromptSegment.of("b")), options));
    assertThat(scans).hasValue(5);
    assertThat(CachingScanner.key(request("x", null))).isEqualTo(CachingScanner.key(request("x", Sensitivity.MEDIUM)))
        .as("defaults resolve before keying");
  }

  @Test
  void aFailingCacheCostsAScanNotARequest() throws Exception {
    ScanCache broken = new ScanCache() {
      @Override
      public ScanResponse get(String key) {
        throw new IllegalStateException("cache down");
      }

      @Override
      public void put(String key, ScanResponse response) {
        throw new IllegalStateException("cache down");
      }
    };
    CachingScanner scanner = CachingScanner.create(counting, broken);
    assertThat(scanner.scan(request("hello", Sensitivity.MEDIUM)).safe()).isTrue();
    assertThat(scanner.scanAsync(request("hello", Sensitivity.MEDIUM)).toCompletableFuture().get().safe()).isTrue();
    assertThat(scans).hasValue(2);
  }

  @Test
  void failuresAreNotCached() {
    AtomicInteger calls = new AtomicInteger();
    CachingScanner scanner = CachingScanner.create(request -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("transient");
      }
      return counting.scan(request);
    });
    try {
      scanner.scan(request("hello", Sensitivity.MEDIUM));
    } catch (IllegalStateException expected) {
      // the first scan fails
    }
    assertThat(scanner.scan(request("hello", Sensitivity.MEDIUM)).safe()).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void theCodecKeepsPerSegmentRedactionsCompressionsAndFindings() {
    ScanResponse response = ScanResponse.builder().safe(true).label(0).injection(2.0).confidence(98.0)
        .sensitivity(Sensitivity.MEDIUM).requestId("req_9")
        .piiResult(new PiiResult(true, List.of("Email"), 1, "mail [Email]\n\nhi", List.of("mail [Email]", "hi")))
        .findings(List.of(new Finding(5, 18, "pii:Email", 100)))
        .compressionResult(new CompressionResult("compact", "mail [Email]\n\nhi", 17, 16, 0.94,
            List.of("mail [Email]", "hi")))
        .build();
    ScanResponse back = ScanResponseCodec.decode(ScanResponseCodec.encode(response));
    assertThat(back).isEqualTo(response);
    assertThat(back.piiResult().redactedSegments()).containsExactly("mail [Email]", "hi");
    assertThat(back.compressionResult().compressedSegments()).containsExactly("mail [Email]", "hi");
  }
}
