package com.lockllm.benchmarks;

/** Deterministic English prompts of a given size for the benchmarks and the load runs' bodies. */
public final class Prompts {
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

  /**
   * Narrative prose. Unlike {@link #SENTENCES}, which the semantic model scores as an injection from
   * 1 KB up (a false positive), every engine passes it at every size, so it can carry the load runs.
   */
  private static final String[] STORY = {
    "The village sat at the edge of a wide valley where the river turned slowly to the east.",
    "Every spring the farmers planted barley on the terraces above the old stone bridge.",
    "In the evenings the children gathered near the bakery to listen to the miller's stories.",
    "The baker's daughter dreamed of travelling to the coast to see the fishing boats.",
    "One autumn a travelling merchant arrived with a cart full of maps and copper kettles.",
    "He stayed for three days and told the villagers about the markets in distant towns.",
    "When he left, the girl followed his cart as far as the bridge and waved until dusk.",
    "Years later she returned with a small boat of her own and a notebook full of drawings.",
  };

  private static final String STORY_REQUEST = "Please suggest a title for this story draft and fix any grammar mistakes. ";

  private Prompts() {}

  /** About {@code bytes} bytes of ASCII prose made of the sentences above, in order. */
  static String english(int bytes) {
    return repeat(SENTENCES, "", bytes);
  }

  /** An OpenAI chat body with a system message and one user message of about {@code bytes} bytes. */
  static String openAiChat(int bytes) {
    return chat("You are a helpful assistant for the finance team.", english(bytes));
  }

  /**
   * A writing-assistant chat body: a system message and a user message of exactly {@code bytes}
   * ASCII bytes (a request, then a story draft), the load runs' body.
   */
  public static String storyChat(int bytes) {
    return chat("You are a helpful writing assistant.", repeat(STORY, STORY_REQUEST, bytes));
  }

  /** As {@link #storyChat}, with {@code sentence} put in the middle of the draft (plain ASCII, no quotes). */
  static String storyChatWith(int bytes, String sentence) {
    String draft = repeat(STORY, STORY_REQUEST, bytes - sentence.length() - 1);
    int middle = draft.indexOf(". ", draft.length() / 2) + 2;
    return chat("You are a helpful writing assistant.",
        draft.substring(0, middle) + sentence + " " + draft.substring(middle));
  }

  private static String repeat(String[] sentences, String start, int bytes) {
    StringBuilder text = new StringBuilder(bytes + 100).append(start);
    int i = 0;
    while (text.length() < bytes) {
      text.append(sentences[i++ % sentences.length]).append(' ');
    }
    text.setLength(bytes);
    return text.toString();
  }

  private static String chat(String system, String user) {
    return "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"" + system + "\"},"
        + "{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
  }
}
