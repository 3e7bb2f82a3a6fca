package com.lockllm.output;

/**
 * A match of an {@link OutputCheck} in answer text.
 *
 * @param type what was found, e.g. {@code OPENAI_API_KEY}, {@code EXFILTRATION_LINK}
 * @param start index of the first character
 * @param end index after the last character
 * @param replacement what the match becomes under redaction
 */
public record OutputFinding(String type, int start, int end, String replacement) {}
