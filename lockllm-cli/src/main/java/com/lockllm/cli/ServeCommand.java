package com.lockllm.cli;

import com.lockllm.scan.Scanner;
import com.lockllm.server.ScanEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve --port P}: the LockLLM scan API ({@code POST /v1/scan}, plus {@code GET /health})
 * answered by the embedded engine, so {@code LockLLMClient} and the official SDKs can use it as
 * their base URL. Runs until SIGTERM, Ctrl-C or an interrupt of the calling thread.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the LockLLM scan API (POST /v1/scan) from the embedded engine.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        LockLLMCli.OK + ":stopped cleanly (SIGTERM, Ctrl-C)",
        LockLLMCli.USAGE + ":usage error",
        LockLLMCli.ERROR + ":cannot listen on HOST:P, or the scanner failed to start"})
final class ServeCommand implements Callable<Integer> {
  /** Where the key comes from when {@code --api-key} is not given. */
  static final String API_KEY_ENV = "LOCKLLM_SERVE_API_KEY";

  @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on (0: any free port).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Require this key as `Authorization: Bearer KEY` or `x-api-key` (default: $" + API_KEY_ENV
          + "; none: no key asked).")
  String apiKey;

  @Option(names = "--policies", paramLabel = "FILE",
      description = "Custom policies for the embedded engine, as for `scan --policies`.")
  Path policies;

  @Option(names = "--threads", paramLabel = "N",
      description = "Requests served at once (default: the number of processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--max-body-bytes", paramLabel = "BYTES",
      description = "Larger request bodies get 413 (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes = ScanEndpoint.DEFAULT_MAX_BODY_BYTES;

  @Mixin
  LoggingOptions loggingOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    loggingOptions.apply();
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
    }
    if (threads < 1 || maxBodyBytes < 1) {
      throw new ParameterException(spec.commandLine(), "--threads and --max-body-bytes must be positive");
    }
    String key = apiKey != null ? apiKey : System.getenv(API_KEY_ENV);
    Scanner scanner = new ScannerOptions().scanner(spec, policies);
    PrintWriter err = spec.commandLine().getErr();
    ScanServer server;
    try {
      server = ScanServer.start(ScanEndpoint.create(scanner, key, maxBodyBytes), new InetSocketAddress(host, port),
          threads);
    } catch (IOException e) {
      err.println("lockllm serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      err.flush();
      return LockLLMCli.ERROR;
    }
    Thread stopOnSignal = new Thread(server::close, "lockllm-serve-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    err.println("listening on http://" + host + ":" + server.port());
    err.flush();
    boolean interrupted = false;
    try {
      server.awaitStop();
    } catch (InterruptedException e) {
      // An interrupt is how a program that runs the command in a thread stops it: a clean stop.
      interrupted = true;
    }
    server.close();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnSignal);
    } catch (IllegalStateException shuttingDown) {
      // Stopped by a signal: the hook is already running, there is nothing to remove.
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
