package com.lockllm.intercept;

import com.lockllm.extract.PromptFormat;
import com.lockllm.output.AnswerFormat;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.util.List;

/**
 * A request read, extracted and ready to scan.
 *
 * @param options the options it is scanned with: its route's, under the client's headers (the
 *     scan request carries them as the scanner is asked: PII {@code mask} as {@code strip})
 * @param ignored the client's {@code X-LockLLM-*} headers that were not honoured
 * @param body the body as received
 * @param clientKey whom its behaviour is counted under, or {@code null} when it is not counted
 * @param unscanned the fields proceeding unscanned under fail-mode open, or {@code null}
 * @param format the body's format, for where a canary goes in its system prompt
 * @param output the route's answer-side policy for this request's PII action
 * @param answerFormat where the answer's text is
 */
record Prepared(ScanOptions options, List<String> ignored, byte[] body, ScanRequest scanRequest,
    String clientKey, List<String> unscanned, PromptFormat format, OutputPolicy output,
    AnswerFormat answerFormat) {}
