package com.lockllm.spring;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report in the LockLLM error JSON instead of its HTML page, for what Tomcat refuses
 * before any filter or servlet runs: an encoded slash, backslash or NUL in the path, a path that
 * climbs above the root, a malformed request line or header, a transfer coding it does not
 * implement ({@code Transfer-Encoding: gzip, chunked}, 501), as {@link
 * InvalidRequestErrors#refusedByServer}. Errors an application's error page handles (Spring Boot's
 * {@code /error}) never get here. Installed on the host by the starter; not API.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  /** Replaces the host's error report valves with this one, also for a host not yet started. */
  static void install(Container host) {
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
        host.getPipeline().removeValve(valve);
      }
    }
    if (host instanceof StandardHost standard) {
      standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
    }
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof JsonErrorReportValve) {
        return;
      }
    }
    host.getPipeline().addValve(new JsonErrorReportValve());
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean io = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
    if (!io.get()) {
      // the connection is gone: nobody would read the report
      return;
    }
    ErrorResponse error = LockLLMErrors.toResponse(InvalidRequestErrors.refusedByServer(status));
    try {
      response.resetBuffer(true);
      response.setContentType(ErrorResponse.CONTENT_TYPE);
      response.setCharacterEncoding("utf-8");
      error.headers().forEach(response::setHeader);
      response.setContentLength(error.body().length);
      OutputStream out = response.getOutputStream();
      out.write(error.body());
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing left to tell
    }
  }
}
