package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import java.util.List;

/**
 * The scan scope: every request field whose text reaches the model, per supported format, with the
 * role its text is scanned as, and the fields that reach the model but cannot be scanned or are
 * not text. {@link PromptExtractor} reads exactly these (its reader, {@code BodyReader}, is
 * organised by the same levels: top level, message or item, content block, attachment); the core
 * README prints this table, and {@code ScanScopeTest} extracts an example body for every row and
 * checks the README against it.
 *
 * <p>Paths are JSON Pointers in which {@code *} stands for any array index and {@code **} for any
 * path below (every string there is read). Member names match case-insensitively; two case
 * variants of one known name in one object are refused as duplicate keys. Message-, block- and
 * attachment-level fields are read in every format (a provider rejects fields it does not know, so
 * this only ever scans more); the rows list them under the format that defines them.
 */
final class ScanScope {
  /** Text scanned under {@link #role}. */
  public static final String SCANNED = "scanned";
  /** Base64 or {@code data:} URI text, decoded and scanned; a rewrite re-encodes it the same way. */
  public static final String DECODED = "decoded";
  /** Read by the model, not by the engine: reported as unscannable (refused under fail-mode closed). */
  public static final String UNSCANNABLE = "unscannable";
  /** Images, audio and video: not text, skipped (a known limit: the engine cannot read them). */
  public static final String NOT_TEXT = "not text";

  /**
   * One row: the format, the field's path, the role its text is scanned as (a
   * {@link PromptSegment} role; for {@link #NOT_TEXT} rows the empty string), how it is handled and
   * a note.
   */
  public record Field(String format, String path, String role, String handling, String note) {}

  private static final String CHAT = "OpenAI chat";
  private static final String RESPONSES = "OpenAI Responses";
  private static final String COMPLETIONS = "OpenAI completions";
  private static final String ANTHROPIC = "Anthropic Messages";
  private static final String GEMINI = "Gemini";
  private static final String COHERE1 = "Cohere v1";
  private static final String COHERE2 = "Cohere v2";

  private static final String USER = PromptSegment.ROLE_USER;
  private static final String SYSTEM = PromptSegment.ROLE_SYSTEM;
  private static final String ASSISTANT = PromptSegment.ROLE_ASSISTANT;
  private static final String TOOL = PromptSegment.ROLE_TOOL;
  private static final String DEFINITION = PromptSegment.ROLE_TOOL_DEFINITION;
  private static final String DOCUMENT = PromptSegment.ROLE_DOCUMENT;
  /** The message's own role: {@code role} read case-insensitively, unknown or missing as user. */
  private static final String MESSAGE_ROLE = "message role";

  private static final List<Field> FIELDS = List.of(
      // OpenAI Chat Completions, and the OpenAI-shaped providers (Mistral, Groq, DeepSeek, OpenRouter, vLLM, Ollama)
      new Field(CHAT, "/messages/*/content", MESSAGE_ROLE, SCANNED,
          "string or parts; system, developer, user, assistant, tool, function"),
      new Field(CHAT, "/messages/*/content/*/text", MESSAGE_ROLE, SCANNED, "text parts"),
      new Field(CHAT, "/messages/*/content/*/refusal", MESSAGE_ROLE, SCANNED, "assistant refusal parts"),
      new Field(CHAT, "/messages/*/name", MESSAGE_ROLE, SCANNED, "the participant name is part of the prompt"),
      new Field(CHAT, "/messages/*/refusal", MESSAGE_ROLE, SCANNED, "assistant refusal"),
      new Field(CHAT, "/messages/*/reasoning_content", ASSISTANT, SCANNED,
          "reasoning fed back (DeepSeek, vLLM; also OpenRouter reasoning)"),
      new Field(CHAT, "/messages/*/reasoning_details/*/text", ASSISTANT, SCANNED,
          "OpenRouter reasoning details (text and summary; encrypted data is not read)"),
      new Field(CHAT, "/messages/*/tool_calls/*/function/**", ASSISTANT, SCANNED, "name and arguments"),
      new Field(CHAT, "/messages/*/tool_calls/*/custom/**", ASSISTANT, SCANNED, "custom tool call input"),
      new Field(CHAT, "/messages/*/function_call/**", ASSISTANT, SCANNED, "legacy function call"),
      new Field(CHAT, "/tools/**", DEFINITION, SCANNED,
          "names, descriptions and the whole JSON schema (titles, enums, defaults, examples)"),
      new Field(CHAT, "/tools/**/properties/* (names)", DEFINITION, SCANNED,
          "property names of a schema (also patternProperties, $defs, definitions; in every format's tools)"),
      new Field(CHAT, "/functions/**", DEFINITION, SCANNED, "legacy function definitions"),
      new Field(CHAT, "/response_format/**", DEFINITION, SCANNED, "json_schema name, description and schema"),
      new Field(CHAT, "/messages/*/content/*/image_url/url", DOCUMENT, DECODED,
          "a data: URI with a text or JSON media type (base64 or percent-encoded)"),
      new Field(CHAT, "/messages/*/content/*/image_url/url (image)", "", NOT_TEXT, "an image URL or image data"),
      new Field(CHAT, "/messages/*/content/*/file/file_data", DOCUMENT, DECODED,
          "a data: URI or base64 whose media type or file name says text"),
      new Field(CHAT, "/messages/*/content/*/file/file_data (binary)", "", UNSCANNABLE, "a PDF or other binary file"),
      new Field(CHAT, "/messages/*/content/*/file/file_id", "", UNSCANNABLE, "a file by reference"),
      new Field(CHAT, "/messages/*/content/*/input_audio", "", NOT_TEXT, "audio"),
      // OpenAI Responses
      new Field(RESPONSES, "/input", USER, SCANNED, "string input"),
      new Field(RESPONSES, "/instructions", SYSTEM, SCANNED, "string, or items"),
      new Field(RESPONSES, "/input/*/content", MESSAGE_ROLE, SCANNED,
          "message items (user, system, developer, assistant): string or input_text/output_text parts"),
      new Field(RESPONSES, "/input/*/text", USER, SCANNED, "a bare input_text item"),
      new Field(RESPONSES, "/input/*/arguments", ASSISTANT, SCANNED, "function_call, mcp_call items"),
      new Field(RESPONSES, "/input/*/output", TOOL, SCANNED,
          "function_call_output, custom_tool_call_output, computer_call_output (string or parts)"),
      new Field(RESPONSES, "/input/*/summary/*/text", ASSISTANT, SCANNED, "reasoning items fed back"),
      new Field(RESPONSES, "/input/*/input", ASSISTANT, SCANNED, "custom_tool_call items"),
      new Field(RESPONSES, "/input/*/action/**", ASSISTANT, SCANNED, "computer, web search, shell actions"),
      new Field(RESPONSES, "/input/*/code", ASSISTANT, SCANNED, "code_interpreter_call items"),
      new Field(RESPONSES, "/input/*/results/**", TOOL, SCANNED, "file_search_call results"),
      new Field(RESPONSES, "/input/*/tools/**", DEFINITION, SCANNED, "mcp_list_tools items"),
      new Field(RESPONSES, "/prompt/variables/*", USER, SCANNED, "prompt template variables (input_text too)"),
      new Field(RESPONSES, "/tools/**", DEFINITION, SCANNED, "function and MCP tools; MCP headers are never read"),
      new Field(RESPONSES, "/text/**", DEFINITION, SCANNED, "text.format json_schema"),
      new Field(RESPONSES, "/input/*/content/*/file_data", DOCUMENT, DECODED,
          "input_file with a text data: URI, or base64 with a text file name"),
      new Field(RESPONSES, "/input/*/content/*/file_data (binary)", "", UNSCANNABLE, "input_file with a PDF"),
      new Field(RESPONSES, "/input/*/content/*/file_url", "", UNSCANNABLE, "input_file by URL or file_id"),
      new Field(RESPONSES, "/input/*/content/*/image_url", "", NOT_TEXT, "input_image (a text data: URI is decoded)"),
      // OpenAI legacy completions
      new Field(COMPLETIONS, "/prompt", USER, SCANNED, "string or array of strings"),
      new Field(COMPLETIONS, "/suffix", USER, SCANNED, "insert mode"),
      new Field(COMPLETIONS, "/prompt (token ids)", "", UNSCANNABLE, "integers or arrays of integers"),
      // Anthropic Messages
      new Field(ANTHROPIC, "/system", SYSTEM, SCANNED, "string or text blocks"),
      new Field(ANTHROPIC, "/messages/*/content", MESSAGE_ROLE, SCANNED, "string or blocks; user and assistant"),
      new Field(ANTHROPIC, "/messages/*/content/*/text", MESSAGE_ROLE, SCANNED, "text blocks"),
      new Field(ANTHROPIC, "/messages/*/content/*/thinking", MESSAGE_ROLE, SCANNED, "thinking blocks fed back"),
      new Field(ANTHROPIC, "/messages/*/content/*/citations/**", MESSAGE_ROLE, SCANNED, "cited text"),
      new Field(ANTHROPIC, "/messages/*/content/*/input/**", ASSISTANT, SCANNED, "tool_use, server_tool_use input"),
      new Field(ANTHROPIC, "/messages/*/content/*/content", TOOL, SCANNED,
          "tool_result, search_result and server tool result content (string or blocks)"),
      new Field(ANTHROPIC, "/messages/*/content/*/title", DOCUMENT, SCANNED, "document and search_result titles"),
      new Field(ANTHROPIC, "/messages/*/content/*/context", DOCUMENT, SCANNED, "document context"),
      new Field(ANTHROPIC, "/messages/*/content/*/source/data", DOCUMENT, DECODED,
          "document source of type text (plain), or base64 with a text media type"),
      new Field(ANTHROPIC, "/messages/*/content/*/source/content/*/text", DOCUMENT, SCANNED,
          "document source of type content"),
      new Field(ANTHROPIC, "/messages/*/content/*/source/data (binary)", "", UNSCANNABLE, "a PDF document"),
      new Field(ANTHROPIC, "/messages/*/content/*/source/url", "", UNSCANNABLE, "a document by URL or file_id"),
      new Field(ANTHROPIC, "/messages/*/content/*/source (image)", "", NOT_TEXT, "image blocks"),
      new Field(ANTHROPIC, "/tools/**", DEFINITION, SCANNED, "name, description and input_schema"),
      new Field(ANTHROPIC, "/output_format/**", DEFINITION, SCANNED, "structured output schema"),
      // Gemini
      new Field(GEMINI, "/systemInstruction/parts/*/text", SYSTEM, SCANNED, "also system_instruction"),
      new Field(GEMINI, "/contents/*/parts/*/text", MESSAGE_ROLE, SCANNED, "user and model turns"),
      new Field(GEMINI, "/contents/*/parts/*/functionCall/**", ASSISTANT, SCANNED, "name and args"),
      new Field(GEMINI, "/contents/*/parts/*/functionResponse/response/**", TOOL, SCANNED, "function results"),
      new Field(GEMINI, "/contents/*/parts/*/executableCode/**", ASSISTANT, SCANNED, "generated code"),
      new Field(GEMINI, "/contents/*/parts/*/codeExecutionResult/**", TOOL, SCANNED, "code output"),
      new Field(GEMINI, "/contents/*/parts/*/inlineData/data", DOCUMENT, DECODED,
          "base64 with a text/* or JSON mimeType; also inline_data"),
      new Field(GEMINI, "/contents/*/parts/*/inlineData/data (binary)", "", UNSCANNABLE, "application/pdf and the like"),
      new Field(GEMINI, "/contents/*/parts/*/fileData/fileUri", "", UNSCANNABLE, "a document by URI"),
      new Field(GEMINI, "/contents/*/parts/*/inlineData (media)", "", NOT_TEXT, "image, audio and video data or URIs"),
      new Field(GEMINI, "/tools/**", DEFINITION, SCANNED, "functionDeclarations: names, descriptions, schemas"),
      new Field(GEMINI, "/generationConfig/**", DEFINITION, SCANNED, "responseSchema; also generation_config"),
      // Cohere
      new Field(COHERE1, "/message", USER, SCANNED, ""),
      new Field(COHERE1, "/preamble", SYSTEM, SCANNED, ""),
      new Field(COHERE1, "/chat_history/*/message", MESSAGE_ROLE, SCANNED, "USER, CHATBOT, SYSTEM, TOOL turns"),
      new Field(COHERE1, "/chat_history/*/tool_calls/*/parameters/**", ASSISTANT, SCANNED, "tool call parameters"),
      new Field(COHERE1, "/documents/**", DOCUMENT, SCANNED, "grounding documents"),
      new Field(COHERE1, "/tool_results/*/outputs/**", TOOL, SCANNED, "tool outputs"),
      new Field(COHERE1, "/tool_results/*/call/**", ASSISTANT, SCANNED, "the call the outputs answer"),
      new Field(COHERE1, "/tools/**", DEFINITION, SCANNED, "descriptions and parameter_definitions"),
      new Field(COHERE2, "/messages/*/content", MESSAGE_ROLE, SCANNED, "string or text/document blocks"),
      new Field(COHERE2, "/messages/*/tool_plan", ASSISTANT, SCANNED, ""),
      new Field(COHERE2, "/messages/*/content/*/document/data/**", MESSAGE_ROLE, SCANNED, "tool results as documents"),
      new Field(COHERE2, "/documents/**", DOCUMENT, SCANNED, "strings or {data} objects"),
      new Field(COHERE2, "/response_format/**", DEFINITION, SCANNED, "JSON schema"));

  private ScanScope() {}

  /** Every row of the table, by format. */
  public static List<Field> fields() {
    return FIELDS;
  }
}
