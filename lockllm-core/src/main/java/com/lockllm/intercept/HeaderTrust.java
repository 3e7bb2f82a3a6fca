package com.lockllm.intercept;

/**
 * Whether a request's client may <em>loosen</em> the configured protection with its own LockLLM
 * proxy headers ({@code X-LockLLM-Scan-Action: allow_with_warning}, {@code -Scan-Mode:
 * policy_only}, {@code -PII-Action: allow_with_warning}, {@code -Chunk: false}, a lower {@code
 * -Sensitivity}). Every client may tighten it; a client this says no to has its loosening headers
 * ignored and named in {@code X-LockLLM-Ignored-Headers}. The application decides from what it
 * authenticated (an API key's flags, a role), never from anything the client merely asserts.
 */
@FunctionalInterface
public interface HeaderTrust {
  /** Trusts no one: headers can only tighten. The default. */
  HeaderTrust NONE = request -> false;

  /** Whether {@code request}'s client may loosen the policy with its headers. */
  boolean trusted(InboundRequest request);
}
