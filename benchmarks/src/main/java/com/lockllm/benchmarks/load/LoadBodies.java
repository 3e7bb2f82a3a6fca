package com.lockllm.benchmarks.load;

import com.lockllm.benchmarks.Prompts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the load runs' request bodies: {@code chat-N.json}, {@link Prompts#storyChat} of N bytes (an
 * OpenAI chat body whose user message is N bytes of English prose), for each size N after the folder.
 */
public final class LoadBodies {
  private LoadBodies() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: LoadBodies DIR SIZE...");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      int bytes = Integer.parseInt(args[i]);
      Files.writeString(dir.resolve("chat-" + bytes + ".json"), Prompts.storyChat(bytes), StandardCharsets.UTF_8);
    }
  }
}
