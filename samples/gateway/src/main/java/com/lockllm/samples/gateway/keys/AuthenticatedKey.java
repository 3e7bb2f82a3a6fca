package com.lockllm.samples.gateway.keys;

import jakarta.servlet.ServletRequest;
import java.util.Set;

/**
 * The gateway key a request authenticated with, set as request attribute {@link #ATTRIBUTE} by
 * {@link GatewayKeyFilter}: its name and flags, and the request header that carried it (which the
 * proxy does not forward).
 */
public record AuthenticatedKey(String name, Set<KeyFlag> flags, String header) {
  /** The request attribute holding it. */
  public static final String ATTRIBUTE = AuthenticatedKey.class.getName();

  public AuthenticatedKey {
    flags = Set.copyOf(flags);
  }

  /** Whether the key may loosen the policy with {@code X-LockLLM-*} headers. */
  public boolean trusted() {
    return flags.contains(KeyFlag.TRUSTED);
  }

  /** Whether the key may read the gateway's metrics, health details and dashboard data. */
  public boolean admin() {
    return flags.contains(KeyFlag.ADMIN);
  }

  /** The key a request authenticated with, or {@code null}. */
  public static AuthenticatedKey of(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof AuthenticatedKey key ? key : null;
  }
}
