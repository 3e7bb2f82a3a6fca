package com.lockllm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockllm} command: {@code scan} and {@code eval} over JSON lines, {@code serve} for the scan API. */
@Command(
    name = "lockllm",
    mixinStandardHelpOptions = true,
    versionProvider = LockLLMCli.Version.class,
    description = "Scan prompts for injection, jailbreaks and personal data with the embedded engine or the LockLLM API.",
    subcommands = {ScanCommand.class, EvalCommand.class, ServeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        LockLLMCli.OK + ":done (scan --fail-on: no prompt matched)",
        LockLLMCli.MATCHED + ":scan --fail-on: at least one prompt matched",
        LockLLMCli.USAGE + ":usage error (an unknown option, a bad value)",
        LockLLMCli.ERROR + ":error: unreadable input, no scanner, eval rows or (with --fail-on) lines not scanned"})
public final class LockLLMCli {
  /** Done; with {@code scan --fail-on}, no prompt matched. */
  static final int OK = 0;
  /** {@code scan --fail-on}: at least one prompt matched. */
  static final int MATCHED = 1;
  /** A usage error, picocli's {@link CommandLine.ExitCode#USAGE}. */
  static final int USAGE = CommandLine.ExitCode.USAGE;
  /** The run could not do its work: unreadable input, a scanner that fails, prompts not scanned. */
  static final int ERROR = 3;

  private LockLLMCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code: {@link #OK}, {@link #MATCHED}, {@link #USAGE} or {@link #ERROR}. */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line {@link #run} executes, for callers that set its output streams. An exception
   * out of a command (a file that cannot be read, a scanner that cannot load) is one line on standard
   * error and {@link #ERROR}, not a stack trace and picocli's 1, which {@code scan --fail-on} uses.
   */
  static CommandLine commandLine() {
    return new CommandLine(new LockLLMCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          commandLine.getErr().println("lockllm " + commandLine.getCommandName() + ": "
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
          commandLine.getErr().flush();
          return ERROR;
        });
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LockLLMCli.class.getPackage().getImplementationVersion();
      return new String[] {"lockllm " + (version == null ? "dev" : version)};
    }
  }
}
