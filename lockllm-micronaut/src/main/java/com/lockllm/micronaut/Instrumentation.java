package com.lockllm.micronaut;

import com.lockllm.decision.DecisionListener;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.Scanner;
import java.util.function.UnaryOperator;

/**
 * What observes the scanner, the interceptor's decisions and the API client: lockllm-micrometer's
 * meters, as {@link LockLLMMetricsFactory} hands them over. Its parts are core types only, so
 * {@link LockLLMFactory}'s beans load without Micrometer on the class path. Not API.
 *
 * @param client told of the LockLLM API client's calls
 * @param scanner wraps the scanner the interceptor uses
 * @param decisions told of every decision
 */
record Instrumentation(ClientListener client, UnaryOperator<Scanner> scanner, DecisionListener decisions) {}
