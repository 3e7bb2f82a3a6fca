package com.lockllm.samples.webxml;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** Starts the sample webapp (its {@code web.xml} ships inside this jar) on {@code $PORT}, default 8080. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Server server = start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")));
    System.out.println("LockLLM servlet sample listening on http://localhost:" + port(server));
    server.join();
  }

  /** Starts the webapp on {@code port} (0 picks a free one). */
  static Server start(int port) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
    // Everything is on the application class path of this jar; there is no WEB-INF/lib.
    webapp.setParentLoaderPriority(true);
    // Jetty's own refusals in the LockLLM error JSON, like every other error of this app
    webapp.setErrorHandler(new JsonErrors.Context());
    server.setErrorHandler(new JsonErrors.Server());
    server.setHandler(webapp);
    server.setStopAtShutdown(true);
    server.start();
    return server;
  }

  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
