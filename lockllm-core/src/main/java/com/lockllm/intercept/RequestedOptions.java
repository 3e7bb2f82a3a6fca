package com.lockllm.intercept;

import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options a client asked for in its headers, laid over the configured ones. From a trusted
 * client they override, as on the LockLLM proxy; from any other they can only make the policy
 * stricter: the stricter of each action and of the sensitivity, the union of scan modes, chunked
 * scanning kept. PII {@code mask} and {@code strip} are equally strict (the provider sees neither's
 * data), so either may be asked in place of the other; neither in place of {@code block}. Transformations (compression, routing) are not loosening, since what they produce
 * is scanned again, and are taken as asked. Not API.
 *
 * @param options the options to scan with, every defaulted field set
 * @param ignored the request headers that asked for something looser and were not honoured
 */
record RequestedOptions(ScanOptions options, List<String> ignored) {
  RequestedOptions {
    ignored = List.copyOf(ignored);
  }

  /** {@code configured} (resolved) with {@code requested} laid over it. */
  static RequestedOptions of(ScanOptions configured, ScanOptions requested, boolean trusted) {
    if (trusted) {
      return new RequestedOptions(configured.overriddenBy(requested).resolved(), List.of());
    }
    List<String> ignored = new ArrayList<>(2);
    ScanOptions.Builder b = ScanOptions.from(configured);
    if (requested.sensitivity() != null) {
      Sensitivity s = rank(requested.sensitivity()) >= rank(configured.sensitivity())
          ? requested.sensitivity() : configured.sensitivity();
      b.sensitivity(kept(s, requested.sensitivity(), LockLLMHeaders.SENSITIVITY, ignored));
    }
    if (requested.scanMode() != null) {
      b.scanMode(kept(union(configured.scanMode(), requested.scanMode()), requested.scanMode(),
          LockLLMHeaders.SCAN_MODE, ignored));
    }
    if (requested.scanAction() != null) {
      b.scanAction(kept(stricter(configured.scanAction(), requested.scanAction()), requested.scanAction(),
          LockLLMHeaders.SCAN_ACTION, ignored));
    }
    if (requested.policyAction() != null) {
      b.policyAction(kept(stricter(configured.policyAction(), requested.policyAction()), requested.policyAction(),
          LockLLMHeaders.POLICY_ACTION, ignored));
    }
    if (requested.abuseAction() != null) {
      b.abuseAction(kept(stricter(configured.abuseAction(), requested.abuseAction()), requested.abuseAction(),
          LockLLMHeaders.ABUSE_ACTION, ignored));
    }
    if (requested.piiAction() != null) {
      PiiAction p = rank(requested.piiAction()) >= rank(configured.piiAction())
          ? requested.piiAction() : configured.piiAction();
      b.piiAction(kept(p, requested.piiAction(), LockLLMHeaders.PII_ACTION, ignored));
    }
    if (requested.chunk() != null) {
      // unset means chunked: only an explicit false in the configuration turns it off
      boolean chunked = requested.chunk() || !Boolean.FALSE.equals(configured.chunk());
      b.chunk(kept(chunked, requested.chunk(), LockLLMHeaders.CHUNK, ignored));
    }
    if (requested.compression() != null) {
      b.compression(requested.compression());
    }
    if (requested.compressionRate() != null) {
      b.compressionRate(requested.compressionRate());
    }
    if (requested.routeAction() != null) {
      b.routeAction(requested.routeAction());
    }
    return new RequestedOptions(b.build().resolved(), ignored);
  }

  private static <T> T kept(T effective, T requested, String header, List<String> ignored) {
    if (!Objects.equals(effective, requested)) {
      ignored.add(header);
    }
    return effective;
  }

  private static ScanAction stricter(ScanAction configured, ScanAction requested) {
    if (configured == ScanAction.BLOCK || requested == ScanAction.BLOCK) {
      return ScanAction.BLOCK;
    }
    // null (abuse detection off) is the loosest of all
    return requested != null ? requested : configured;
  }

  private static ScanMode union(ScanMode configured, ScanMode requested) {
    boolean injection = configured != ScanMode.POLICY_ONLY || requested != ScanMode.POLICY_ONLY;
    boolean policies = configured != ScanMode.NORMAL || requested != ScanMode.NORMAL;
    return injection && policies ? ScanMode.COMBINED : injection ? ScanMode.NORMAL : ScanMode.POLICY_ONLY;
  }

  private static int rank(Sensitivity s) {
    return switch (s) {
      case LOW -> 0;
      case MEDIUM -> 1;
      case HIGH -> 2;
    };
  }

  private static int rank(PiiAction p) {
    if (p == null) {
      return 0;
    }
    return switch (p) {
      case ALLOW_WITH_WARNING -> 1;
      // mask and strip keep the same data from the provider; mask only restores it in the answer
      // to the client that sent it, so a client may ask for either in place of the other
      case STRIP, MASK -> 2;
      case BLOCK -> 3;
    };
  }
}
