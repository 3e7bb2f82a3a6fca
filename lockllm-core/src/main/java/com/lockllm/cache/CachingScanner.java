package com.lockllm.cache;

import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scanner} that remembers: a request with the same prompt segments and the same resolved
 * options as an earlier one gets the earlier response (request id included, so logs lead to the
 * scan that produced it) without scanning again. Only responses are stored, never failures. A
 * failing {@link ScanCache} (a shared cache that went away) costs a scan, not a request: the
 * failure is logged and the delegate scans.
 *
 * <p>Keys are SHA-256 digests of the options and segments; the prompt text is never part of a key.
 */
public final class CachingScanner implements Scanner {
  private static final Logger log = LoggerFactory.getLogger(CachingScanner.class);

  private final Scanner delegate;
  private final ScanCache cache;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private CachingScanner(Scanner delegate, ScanCache cache) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** {@code delegate} behind a {@link CaffeineScanCache} with its defaults. */
  public static CachingScanner create(Scanner delegate) {
    return new CachingScanner(delegate, CaffeineScanCache.create());
  }

  public static CachingScanner create(Scanner delegate, ScanCache cache) {
    return new CachingScanner(delegate, cache);
  }

  public Scanner delegate() {
    return delegate;
  }

  public ScanCache cache() {
    return cache;
  }

  /** Scans answered from the cache so far, for metrics. */
  public long hits() {
    return hits.sum();
  }

  /** Scans the cache could not answer (absent, or a failed read) so far, for metrics. */
  public long misses() {
    return misses.sum();
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    String key = key(request);
    ScanResponse cached = null;
    try {
      cached = cache.get(key);
    } catch (RuntimeException e) {
      log.warn("LockLLM scan cache read failed ({}); scanning", e.toString());
    }
    if (cached != null) {
      hits.increment();
      return cached;
    }
    misses.increment();
    ScanResponse response = delegate.scan(request);
    try {
      cache.put(key, response);
    } catch (RuntimeException e) {
      log.warn("LockLLM scan cache write failed ({})", e.toString());
    }
    return response;
  }

  @Override
  public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    String key = key(request);
    CompletableFuture<ScanResponse> lookup;
    try {
      lookup = cache.getAsync(key).toCompletableFuture();
    } catch (RuntimeException e) {
      lookup = CompletableFuture.failedFuture(e);
    }
    return lookup
        .exceptionally(e -> {
          log.warn("LockLLM scan cache read failed ({}); scanning", e.toString());
          return null;
        })
        .thenCompose(cached -> {
          if (cached != null) {
            hits.increment();
            return CompletableFuture.completedFuture(cached);
          }
          misses.increment();
          return delegate.scanAsync(request).thenApply(response -> {
            store(key, response);
            return response;
          });
        });
  }

  private void store(String key, ScanResponse response) {
    try {
      cache.putAsync(key, response).whenComplete((ok, e) -> {
        if (e != null) {
          log.warn("LockLLM scan cache write failed ({})", e.toString());
        }
      });
    } catch (RuntimeException e) {
      log.warn("LockLLM scan cache write failed ({})", e.toString());
    }
  }

  /** The cache key of {@code request}: a digest of its resolved options and its segments' roles and texts. */
  public static String key(ScanRequest request) {
    MessageDigest digest = sha256();
    update(digest, request.options().resolved().toString());
    for (PromptSegment segment : request.segments()) {
      update(digest, segment.role() == null ? "" : segment.role());
      update(digest, segment.text());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Length-prefixed, so segment boundaries cannot shift between two requests with the same key. */
  private static void update(MessageDigest digest, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
