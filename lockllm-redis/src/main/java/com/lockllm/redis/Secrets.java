package com.lockllm.redis;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Keeps the URI's credentials out of messages: a redacted address and scrubbed exception text. */
final class Secrets {
  private final String where;
  private final List<String> hidden;

  private Secrets(String where, List<String> hidden) {
    this.where = where;
    this.hidden = hidden;
  }

  static Secrets of(String raw, RedisURI uri) {
    return of(raw, List.of(uri), false);
  }

  /** For {@code uris} parsed from {@code raw} (several: a cluster's seed nodes). */
  static Secrets of(String raw, List<RedisURI> uris, boolean cluster) {
    List<String> hidden = new ArrayList<>();
    hidden.add(raw);
    int scheme = raw.indexOf("://");
    int at = raw.lastIndexOf('@');
    if (scheme >= 0 && at > scheme + 3) {
      String userInfo = raw.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      hidden.add(colon >= 0 ? userInfo.substring(colon + 1) : userInfo); // the password as written (maybe %-encoded)
    }
    for (RedisURI uri : uris) {
      addPassword(hidden, uri);
      uri.getSentinels().forEach(sentinel -> addPassword(hidden, sentinel));
    }
    return new Secrets(where(uris, cluster), List.copyOf(hidden));
  }

  private static void addPassword(List<String> hidden, RedisURI uri) {
    char[] password = staticPassword(uri);
    if (password != null && password.length > 0) {
      hidden.add(new String(password));
    }
  }

  /**
   * {@code redis://host:port/db}, {@code redis-sentinel://host:port,host:port/db#master} or {@code
   * redis://host:port,host:port (cluster)}: no user, no password.
   */
  private static String where(List<RedisURI> uris, boolean cluster) {
    RedisURI first = uris.get(0);
    if (!first.getSentinels().isEmpty()) {
      return (first.isSsl() ? "rediss-sentinel://" : "redis-sentinel://") + hosts(first.getSentinels()) + "/"
          + first.getDatabase() + "#" + first.getSentinelMasterId();
    }
    String protocol = first.isSsl() ? "rediss" : "redis";
    if (cluster) {
      return protocol + "://" + hosts(uris) + " (cluster)";
    }
    return protocol + "://" + hosts(uris) + "/" + first.getDatabase();
  }

  private static String hosts(List<RedisURI> uris) {
    StringBuilder s = new StringBuilder();
    for (RedisURI uri : uris) {
      if (s.length() > 0) {
        s.append(',');
      }
      String host = uri.getHost() != null ? uri.getHost() : uri.getSocket() != null ? uri.getSocket() : "?";
      s.append(host).append(':').append(uri.getPort());
    }
    return s.toString();
  }

  /**
   * The password of a URI's credentials, decoded ({@code RedisURI.getPassword()} is deprecated in Lettuce 6 and gone in 7).
   * A parsed URI's provider answers at once, on subscription; one that would not (a token provider)
   * gives null here rather than a wait.
   */
  private static char[] staticPassword(RedisURI uri) {
    RedisCredentialsProvider provider = uri.getCredentialsProvider();
    if (provider == null) {
      return null;
    }
    try {
      RedisCredentials credentials = provider.resolveCredentials().toFuture().getNow(null);
      return credentials != null && credentials.hasPassword() ? credentials.getPassword() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Where Redis is, without user or password. */
  String where() {
    return where;
  }

  /** The exception's class and message (and its cause's), with the URI and password cut out. */
  String describe(Throwable e) {
    Throwable t = unwrap(e);
    StringBuilder s = new StringBuilder(t.getClass().getSimpleName());
    if (t.getMessage() != null) {
      s.append(": ").append(t.getMessage());
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t && cause.getMessage() != null) {
      s.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
    }
    return scrub(s.toString());
  }

  String scrub(String text) {
    String out = text;
    for (String secret : hidden) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** {@code raw} without anything between {@code ://} and {@code @}, for a URI that did not parse. */
  static String redactUri(String raw) {
    int scheme = raw.indexOf("://");
    int at = raw.lastIndexOf('@');
    if (at < 0) {
      return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
    }
    return (scheme >= 0 && scheme < at ? raw.substring(0, scheme + 3) : "") + "***@" + raw.substring(at + 1);
  }
}
