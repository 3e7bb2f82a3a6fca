package com.lockllm.samples.webxml;

import com.lockllm.samples.echo.EchoModel;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /v1/chat/completions} answered by the offline {@link EchoModel}, with the scan the
 * filter handed the application under {@link ScanResult#ATTRIBUTE}.
 */
public class ChatCompletionsServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    ScanResponse scan = (ScanResponse) request.getAttribute(ScanResult.ATTRIBUTE);
    response.setContentType(EchoModel.CONTENT_TYPE);
    response.getOutputStream().write(EchoModel.chatCompletion(body, scan));
  }
}
