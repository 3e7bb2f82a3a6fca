package com.lockllm.output;

/**
 * Test-only: streamed answers written by hand in the shape of each provider's documented events.
 * Every one hides {@code SECRET} split across two deltas of a channel, in its text, its tool-call
 * arguments and its reasoning where the format has them, and carries multi-byte UTF-8.
 */
final class SseFixtures {
  private SseFixtures() {}

  static final String CHAT = """
      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Think: the SEC"},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"RET is safe"},"logprobs":null,"finish_reason":null}]}

      : keep-alive

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"Héllo, the code is SE","reasoning_content":null},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"CRET 😀 ok"},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"."},"logprobs":{"content":[{"token":".","logprob":-0.000012,"bytes":[46],"top_logprobs":[]}]},"finish_reason":null}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}

      data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1718345013,"model":"deepseek-reasoner","system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}

      data: [DONE]

      """;

  static final String CHAT_TOOLS = """
      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"send_mail","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"body\\":\\"key SEC"}}]},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"RET ünïcode\\"}"}}]},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_def","type":"function","function":{"name":"log","arguments":""}}]},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"n\\":1}"}}]},"logprobs":null,"finish_reason":null}]}

      data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1718345100,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}

      data: [DONE]

      """;

  /** Legacy completions with two choices; each finish_reason comes with the choice's last text. */
  static final String COMPLETIONS = """
      data: {"id":"cmpl-1","object":"text_completion","created":1690759702,"model":"gpt-3.5-turbo-instruct","choices":[{"text":"One SEC","index":0,"logprobs":null,"finish_reason":null}]}

      data: {"id":"cmpl-1","object":"text_completion","created":1690759702,"model":"gpt-3.5-turbo-instruct","choices":[{"text":"Two","index":1,"logprobs":null,"finish_reason":null}]}

      data: {"id":"cmpl-1","object":"text_completion","created":1690759702,"model":"gpt-3.5-turbo-instruct","choices":[{"text":"RET end","index":0,"logprobs":null,"finish_reason":"stop"}]}

      data: {"id":"cmpl-1","object":"text_completion","created":1690759702,"model":"gpt-3.5-turbo-instruct","choices":[{"text":" more ☃","index":1,"logprobs":null,"finish_reason":"length"}]}

      data: [DONE]

      """;

  static final String RESPONSES = """
      event: response.created
      data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1741290958,"status":"in_progress","instructions":"You are a SECRET keeper","model":"gpt-4.1","output":[]}}

      event: response.in_progress
      data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1","object":"response","created_at":1741290958,"status":"in_progress","instructions":"You are a SECRET keeper","model":"gpt-4.1","output":[]}}

      event: response.output_item.added
      data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}

      event: response.reasoning_summary_part.added
      data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}

      event: response.reasoning_summary_text.delta
      data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Plan: hide the SECR"}

      event: response.reasoning_summary_text.delta
      data: {"type":"response.reasoning_summary_text.delta","sequence_number":5,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"ET now"}

      event: response.reasoning_summary_text.done
      data: {"type":"response.reasoning_summary_text.done","sequence_number":6,"item_id":"rs_1","output_index":0,"summary_index":0,"text":"Plan: hide the SECRET now"}

      event: response.reasoning_summary_part.done
      data: {"type":"response.reasoning_summary_part.done","sequence_number":7,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Plan: hide the SECRET now"}}

      event: response.output_item.done
      data: {"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Plan: hide the SECRET now"}]}}

      event: response.output_item.added
      data: {"type":"response.output_item.added","sequence_number":9,"output_index":1,"item":{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}}

      event: response.content_part.added
      data: {"type":"response.content_part.added","sequence_number":10,"item_id":"msg_1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"text":""}}

      event: response.output_text.delta
      data: {"type":"response.output_text.delta","sequence_number":11,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Voilà: SE","logprobs":[]}

      event: response.output_text.delta
      data: {"type":"response.output_text.delta","sequence_number":12,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"CRET 😀 and more text","logprobs":[]}

      event: response.output_text.done
      data: {"type":"response.output_text.done","sequence_number":13,"item_id":"msg_1","output_index":1,"content_index":0,"text":"Voilà: SECRET 😀 and more text","logprobs":[]}

      event: response.content_part.done
      data: {"type":"response.content_part.done","sequence_number":14,"item_id":"msg_1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"text":"Voilà: SECRET 😀 and more text"}}

      event: response.output_item.done
      data: {"type":"response.output_item.done","sequence_number":15,"output_index":1,"item":{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"Voilà: SECRET 😀 and more text"}],"role":"assistant"}}

      event: response.output_item.added
      data: {"type":"response.output_item.added","sequence_number":16,"output_index":2,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"get_weather"}}

      event: response.function_call_arguments.delta
      data: {"type":"response.function_call_arguments.delta","sequence_number":17,"item_id":"fc_1","output_index":2,"delta":"{\\"city\\":\\"SEC"}

      event: response.function_call_arguments.delta
      data: {"type":"response.function_call_arguments.delta","sequence_number":18,"item_id":"fc_1","output_index":2,"delta":"RET town\\"}"}

      event: response.function_call_arguments.done
      data: {"type":"response.function_call_arguments.done","sequence_number":19,"item_id":"fc_1","output_index":2,"arguments":"{\\"city\\":\\"SECRET town\\"}"}

      event: response.output_item.done
      data: {"type":"response.output_item.done","sequence_number":20,"output_index":2,"item":{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\\"city\\":\\"SECRET town\\"}","call_id":"call_1","name":"get_weather"}}

      event: response.completed
      data: {"type":"response.completed","sequence_number":21,"response":{"id":"resp_1","object":"response","created_at":1741290958,"status":"completed","instructions":"You are a SECRET keeper","model":"gpt-4.1","output":[{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Plan: hide the SECRET now"}]},{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"Voilà: SECRET 😀 and more text"}],"role":"assistant"},{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\\"city\\":\\"SECRET town\\"}","call_id":"call_1","name":"get_weather"}],"usage":{"input_tokens":37,"output_tokens":11,"total_tokens":48}}}

      """;

  static final String ANTHROPIC = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me hide SEC"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"RET first."}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

      event: ping
      data: {"type": "ping"}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Héllo SE"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"CRET 😀!"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: content_block_start
      data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"SECR"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ET, CA\\"}"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":2}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  /** Gemini ends its lines with CRLF; its last event carries text and the finishReason. */
  static final String GEMINI = String.join("\r\n", """
      data: {"candidates": [{"content": {"parts": [{"text": "Thinking about SEC","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

      data: {"candidates": [{"content": {"parts": [{"text": "RET.","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

      data: {"candidates": [{"content": {"parts": [{"text": "Héllo SE"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

      data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "lookup","args": {"q": "the SECRET","n": 2}}}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 8},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

      data: {"candidates": [{"content": {"parts": [{"text": "CRET 😀 bye"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 8,"candidatesTokenCount": 12,"totalTokenCount": 20},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

      """.split("\n", -1));

  static final String COHERE = """
      event: message-start
      data: {"id":"29f14a5a","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}

      event: tool-plan-delta
      data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look up SEC"}}}

      event: tool-plan-delta
      data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"RET data"}}}

      event: tool-call-start
      data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"lookup_1","type":"function","function":{"name":"lookup","arguments":""}}}}}

      event: tool-call-delta
      data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"q\\": \\"SE"}}}}}

      event: tool-call-delta
      data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"CRET\\"}"}}}}}

      event: tool-call-end
      data: {"type":"tool-call-end","index":0}

      event: content-start
      data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

      event: content-delta
      data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Héllo SECR"}}},"logprobs":null}

      event: content-delta
      data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"ET 😀 done"}}},"logprobs":null}

      event: content-end
      data: {"type":"content-end","index":0}

      event: message-end
      data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":5,"output_tokens":9},"tokens":{"input_tokens":71,"output_tokens":9}}}}

      """;
}
