package com.lockllm.servlet;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractAnswer;
import com.lockllm.testing.ContractEcho;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The shared adapter contract on Jetty 12 with the filter added programmatically. */
class ServletContractTest extends AdapterContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return serve(fixture);
  }

  /** Jetty with the filter of the fixture's settings and answer side, and {@link Echo}. */
  static ContractServer serve(ContractFixture fixture) throws Exception {
    LockLLMSettings settings = LockLLMSettings.fromMap(fixture.settings());
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    // a stalled body is answered (408) once the idle timeout expires
    connector.setIdleTimeout(HostileInputContract.READ_TIMEOUT.toMillis());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(LockLLMFilter.create(
        fixture.answerSide(settings.interceptorBuilder(fixture.scanner(), null)).build()));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    context.addServlet(new ServletHolder(new Echo()), "/*");
    server.setHandler(context);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    return ContractServer.of(base, server::stop);
  }

  /** The contract's echo: what the handler saw, or the answer the request asks for ({@link ContractAnswer}). */
  static final class Echo extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      String answer = request.getHeader(ContractAnswer.HEADER);
      if (answer != null) {
        reply(ContractAnswer.fromHeader(answer).reply(body), response);
        return;
      }
      byte[] secondRead = request.getInputStream().readAllBytes();
      ScanResponse scan = (ScanResponse) request.getAttribute(ScanResult.ATTRIBUTE);
      response.setContentType(ContractEcho.CONTENT_TYPE);
      response.getOutputStream().write(ContractEcho.render(body, secondRead, scan));
    }
  }

  /** Sends {@code reply} as an upstream would: status, headers, each chunk flushed. */
  static void reply(ContractAnswer.Reply reply, HttpServletResponse response) throws IOException {
    response.setStatus(reply.status());
    response.setContentType(reply.contentType());
    if (reply.contentEncoding() != null) {
      response.setHeader("Content-Encoding", reply.contentEncoding());
    }
    if (reply.buffered()) {
      response.setContentLengthLong(reply.length());
    }
    reply.writeTo(response.getOutputStream());
  }
}
