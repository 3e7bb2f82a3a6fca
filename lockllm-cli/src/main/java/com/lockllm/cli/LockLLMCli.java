package com.lockllm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockllm} command: {@code scan} and {@code eval} over JSON lines, {@code serve} for the scan API. */
@Command(
    name = "lockllm",
    mixinStandardHelpOptions = true,
    versionProvider = LockLLMCli.Version.class,
    description = "Scan prompts for injection, jailbreaks and personal data with the embedded engine or the LockLLM API.",
    subcommands = {ScanCommand.class, EvalCommand.class, ServeCommand.class})
public final class LockLLMCli {
  private LockLLMCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage error. */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line {@link #run} executes, for callers that set its output streams. */
  static CommandLine commandLine() {
    return new CommandLine(new LockLLMCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LockLLMCli.class.getPackage().getImplementationVersion();
      return new String[] {"lockllm " + (version == null ? "dev" : version)};
    }
  }
}
