package com.lockllm.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers with what the application saw: body bytes, Content-Length and the attached scan. */
public class EchoServlet extends HttpServlet {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    ObjectNode seen = OBJECT_MAPPER.createObjectNode();
    seen.put("body", new String(body, StandardCharsets.UTF_8));
    seen.put("content_length", request.getContentLengthLong());
    seen.put("content_length_header", request.getHeader("Content-Length"));
    Object scan = request.getAttribute(ScanResult.ATTRIBUTE);
    if (scan instanceof ScanResponse scanResponse) {
      seen.set("scan", OBJECT_MAPPER.valueToTree(scanResponse));
    }
    response.setContentType("application/json");
    response.getOutputStream().write(OBJECT_MAPPER.writeValueAsBytes(seen));
  }
}
