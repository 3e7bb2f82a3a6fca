package com.lockllm.intercept;

import com.lockllm.internal.Digests;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Tells who sent a request, so abuse detection can count each client's requests apart. Built-in
 * resolvers: the authenticated {@link #principal()}, an API key {@link #header(String)} (hashed, so
 * the key itself is never held or stored), and the {@link #remoteAddress(Collection) remote
 * address} (honouring {@code X-Forwarded-For} only from trusted proxies); chain them with {@link
 * #orElse}.
 *
 * <p>Only trust what a client cannot choose freely: a header is a sound key when the application
 * rejects unknown keys, otherwise a client can send a fresh value with every request.
 */
@FunctionalInterface
public interface ClientKeyResolver {
  /** The client's key, or {@code null} when this resolver cannot tell. */
  String resolve(InboundRequest request);

  /** This resolver, or {@code next} when this one gives {@code null}. */
  default ClientKeyResolver orElse(ClientKeyResolver next) {
    Objects.requireNonNull(next, "next");
    return request -> {
      String key = resolve(request);
      return key != null ? key : next.resolve(request);
    };
  }

  /** The default: the authenticated principal, else the remote address, with no trusted proxies. */
  static ClientKeyResolver defaults() {
    return principal().orElse(remoteAddress(List.of()));
  }

  /** {@code user:<name>} for an authenticated request. */
  static ClientKeyResolver principal() {
    return request -> {
      String name = request.principal();
      return name == null || name.isBlank() ? null : "user:" + name;
    };
  }

  /**
   * {@code key:<hash>} from header {@code name} (a {@code Bearer } prefix is dropped): the first 16
   * bytes of the value's SHA-256, so equal keys count together and the key is never kept.
   */
  static ClientKeyResolver header(String name) {
    Objects.requireNonNull(name, "name");
    return request -> {
      String value = request.header(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      String v = value.strip();
      if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
        v = v.substring(7).strip();
      }
      return v.isEmpty() ? null : "key:" + Digests.sha256Hex(v, 16);
    };
  }

  /**
   * {@code ip:<address>}: the connection's peer, or, when the peer is one of {@code
   * trustedProxies} (addresses or CIDR ranges such as {@code 10.0.0.0/8}), the right-most address
   * of {@code X-Forwarded-For} that is not itself a trusted proxy.
   *
   * @throws IllegalArgumentException for an entry that is not an IP address or range
   */
  static ClientKeyResolver remoteAddress(Collection<String> trustedProxies) {
    List<IpRange> trusted = trustedProxies.stream().map(IpRange::parse).toList();
    return request -> {
      String peer = request.remoteAddress();
      if (peer == null || peer.isBlank()) {
        return null;
      }
      return "ip:" + IpRange.clientAddress(peer.strip(), request.headers("X-Forwarded-For"), trusted);
    };
  }
}
