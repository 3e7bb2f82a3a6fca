package com.lockllm.benchmarks;

/** Deterministic English prompts of a given size for the benchmarks. */
final class Prompts {
  private static final String[] SENTENCES = {
    "Please summarise the attached quarterly report for the finance team.",
    "The revenue grew by twelve percent while operating costs stayed flat.",
    "List the three main risks mentioned and suggest one mitigation for each.",
    "Keep the tone neutral and avoid speculation about future results.",
    "Our customers in Europe asked for clearer invoices and faster support.",
    "Write the answer as a short bulleted list followed by one paragraph.",
    "Mention any figures that changed by more than five percent since last year.",
    "The marketing budget was moved from print advertising to online campaigns.",
  };

  private Prompts() {}

  /** About {@code bytes} bytes of ASCII prose made of the sentences above, in order. */
  static String english(int bytes) {
    StringBuilder text = new StringBuilder(bytes + 80);
    int i = 0;
    while (text.length() < bytes) {
      text.append(SENTENCES[i++ % SENTENCES.length]).append(' ');
    }
    text.setLength(bytes);
    return text.toString();
  }

  /** An OpenAI chat body with a system message and one user message of about {@code bytes} bytes. */
  static String openAiChat(int bytes) {
    return "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a helpful assistant for the finance team.\"},"
        + "{\"role\":\"user\",\"content\":\"" + english(bytes) + "\"}]}";
  }
}
