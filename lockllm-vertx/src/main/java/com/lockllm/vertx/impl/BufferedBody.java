package com.lockllm.vertx.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * The one use of a Vert.x Web internal API: Vert.x Web 5.1 has no public way to replace the body
 * {@code BodyHandler} buffered, so the redacted body is installed with {@code
 * RoutingContextInternal.setBody}, the call {@code BodyHandler} itself makes (RATIONALE.md,
 * "Adapters"). Not API.
 */
final class BufferedBody {
  private BufferedBody() {}

  /**
   * Makes {@code body} what {@code ctx.body()} returns; {@code false} when {@code ctx} is not Vert.x
   * Web's own context, so the caller fails the request rather than pass the unredacted body on.
   */
  static boolean replace(RoutingContext ctx, Buffer body) {
    if (!(ctx instanceof RoutingContextInternal internal)) {
      return false;
    }
    internal.setBody(body);
    return true;
  }
}
