package com.lockllm.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.scan.ScanResponse;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The test application's answer: the body bytes its handler read (base64, so any byte shows), what
 * a second read of the body through the framework's raw request API gave, and the
 * {@link ScanResponse} it found through the framework's idiom (request attribute, argument resolver,
 * routing-context accessor), or none.
 */
public final class ContractEcho {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  /** Content type of the echo. */
  public static final String CONTENT_TYPE = "application/json";

  private ContractEcho() {}

  /** The echo body for a handler that read {@code body} once and found {@code scan} (or null). */
  public static byte[] render(byte[] body, ScanResponse scan) {
    return render(body, null, scan);
  }

  /**
   * The echo body for a handler that read {@code body}, then {@code secondRead} (null when it did not
   * read again), and found {@code scan} (or null).
   */
  public static byte[] render(byte[] body, byte[] secondRead, ScanResponse scan) {
    ObjectNode seen = OBJECT_MAPPER.createObjectNode();
    seen.put("body_base64", Base64.getEncoder().encodeToString(body));
    if (secondRead != null) {
      seen.put("second_read_base64", Base64.getEncoder().encodeToString(secondRead));
    }
    if (scan != null) {
      seen.set("scan", OBJECT_MAPPER.valueToTree(scan));
    }
    try {
      return OBJECT_MAPPER.writeValueAsBytes(seen);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
