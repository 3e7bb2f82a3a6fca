package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.extract.ExtractedPrompt.Unscannable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@link ScanScope}: an example body with {@code INJECT} in the row's field, read with
 * the default configuration (every role) and format auto-detection. A scanned row gives a segment
 * at the example's pointer with the expected role; an unscannable row is reported at its pointer;
 * a not-text row gives neither. The core README prints the same rows.
 */
class ScanScopeTest {
  /** base64 of {@code INJECT doc}. */
  private static final String B64_TEXT = "SU5KRUNUIGRvYw==";
  /** An example: the body, the concrete pointer of the field, and the concrete role (for message-role rows). */
  private record Example(String body, String pointer, String role) {}

  private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

  private static void example(String format, String path, String body, String pointer, String role) {
    EXAMPLES.put(format.strip() + " " + path, new Example(body, pointer, role));
  }

  private static String chat(String message) {
    return "{\"model\":\"m\",\"messages\":[" + message + "]}";
  }

  private static String parts(String role, String part) {
    return chat("{\"role\":\"" + role + "\",\"content\":[" + part + "]}");
  }

  private static String responses(String item) {
    return "{\"model\":\"m\",\"input\":[" + item + "]}";
  }

  private static String anthropic(String role, String block) {
    return "{\"model\":\"claude\",\"max_tokens\":9,\"messages\":[{\"role\":\"" + role + "\",\"content\":[" + block + "]}]}";
  }

  private static String gemini(String role, String part) {
    return "{\"contents\":[{\"role\":\"" + role + "\",\"parts\":[" + part + "]}]}";
  }

  static {
    String chat = "OpenAI chat ";
    example(chat, "/messages/*/content", chat("{\"role\":\"developer\",\"content\":\"INJECT\"}"),
        "/messages/0/content", "system");
    example(chat, "/messages/*/content/*/text", parts("assistant", "{\"type\":\"text\",\"text\":\"INJECT\"}"),
        "/messages/0/content/0/text", "assistant");
    example(chat, "/messages/*/content/*/refusal", parts("assistant", "{\"type\":\"refusal\",\"refusal\":\"INJECT\"}"),
        "/messages/0/content/0/refusal", "assistant");
    example(chat, "/messages/*/name", chat("{\"role\":\"user\",\"name\":\"INJECT\",\"content\":\"hi\"}"),
        "/messages/0/name", "user");
    example(chat, "/messages/*/refusal", chat("{\"role\":\"assistant\",\"refusal\":\"INJECT\"}"),
        "/messages/0/refusal", "assistant");
    example(chat, "/messages/*/reasoning_content", chat("{\"role\":\"assistant\",\"content\":\"ok\","
        + "\"reasoning_content\":\"INJECT\"}"), "/messages/0/reasoning_content", "assistant");
    example(chat, "/messages/*/reasoning_details/*/text", chat("{\"role\":\"assistant\",\"content\":\"ok\","
        + "\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"SU5KRUNU\"},"
        + "{\"type\":\"reasoning.text\",\"text\":\"INJECT\"}]}"), "/messages/0/reasoning_details/1/text", "assistant");
    example(chat, "/messages/*/tool_calls/*/function/**", chat("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
        + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"q\\\":\\\"INJECT\\\"}\"}}]}"),
        "/messages/0/tool_calls/0/function/arguments", "assistant");
    example(chat, "/messages/*/tool_calls/*/custom/**", chat("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
        + "\"type\":\"custom\",\"custom\":{\"name\":\"f\",\"input\":\"INJECT\"}}]}"),
        "/messages/0/tool_calls/0/custom/input", "assistant");
    example(chat, "/messages/*/function_call/**", chat("{\"role\":\"assistant\",\"function_call\":{\"name\":\"f\","
        + "\"arguments\":\"INJECT\"}}"), "/messages/0/function_call/arguments", "assistant");
    example(chat, "/tools/**", "{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"default\":\"INJECT\"}}}}}]}",
        "/tools/0/function/parameters/properties/q/default", "tool_definition");
    example(chat, "/tools/**/properties/* (names)", "{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":"
        + "{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"INJECT_now\":{\"type\":\"string\"}}}}}]}",
        "/tools/0/function/parameters/properties/INJECT_now", "tool_definition");
    example(chat, "/functions/**", "{\"messages\":[],\"functions\":[{\"name\":\"f\",\"description\":\"INJECT\"}]}",
        "/functions/0/description", "tool_definition");
    example(chat, "/response_format/**", "{\"messages\":[],\"response_format\":{\"type\":\"json_schema\","
        + "\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":\"object\",\"description\":\"INJECT\"}}}}",
        "/response_format/json_schema/schema/description", "tool_definition");
    example(chat, "/messages/*/content/*/image_url/url", parts("user", "{\"type\":\"image_url\",\"image_url\":"
        + "{\"url\":\"data:text/plain;base64," + B64_TEXT + "\"}}"), "/messages/0/content/0/image_url/url", "document");
    example(chat, "/messages/*/content/*/image_url/url (image)", parts("user", "{\"type\":\"image_url\",\"image_url\":"
        + "{\"url\":\"data:image/png;base64,INJECT\"}}"), null, null);
    example(chat, "/messages/*/content/*/file/file_data", parts("user", "{\"type\":\"file\",\"file\":{\"filename\":"
        + "\"notes.txt\",\"file_data\":\"" + B64_TEXT + "\"}}"), "/messages/0/content/0/file/file_data", "document");
    example(chat, "/messages/*/content/*/file/file_data (binary)", parts("user", "{\"type\":\"file\",\"file\":"
        + "{\"filename\":\"a.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0xLjQ=\"}}"),
        "/messages/0/content/0/file/file_data", Unscannable.REASON_BINARY_DOCUMENT);
    example(chat, "/messages/*/content/*/file/file_id", parts("user", "{\"type\":\"file\",\"file\":{\"file_id\":"
        + "\"file-INJECT\"}}"), "/messages/0/content/0/file/file_id", Unscannable.REASON_REMOTE_DOCUMENT);
    example(chat, "/messages/*/content/*/input_audio", parts("user", "{\"type\":\"input_audio\",\"input_audio\":"
        + "{\"data\":\"INJECT\",\"format\":\"wav\"}}"), null, null);

    String responses = "OpenAI Responses ";
    example(responses, "/input", "{\"model\":\"m\",\"input\":\"INJECT\"}", "/input", "user");
    example(responses, "/instructions", "{\"model\":\"m\",\"instructions\":\"INJECT\",\"input\":\"hi\"}",
        "/instructions", "system");
    example(responses, "/input/*/content", responses("{\"type\":\"message\",\"role\":\"developer\",\"content\":"
        + "[{\"type\":\"input_text\",\"text\":\"INJECT\"}]}"), "/input/0/content/0/text", "system");
    example(responses, "/input/*/text", responses("{\"type\":\"input_text\",\"text\":\"INJECT\"}"),
        "/input/0/text", "user");
    example(responses, "/input/*/arguments", responses("{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\","
        + "\"arguments\":\"INJECT\"}"), "/input/0/arguments", "assistant");
    example(responses, "/input/*/output", responses("{\"type\":\"function_call_output\",\"call_id\":\"c\","
        + "\"output\":\"INJECT\"}"), "/input/0/output", "tool");
    example(responses, "/input/*/summary/*/text", responses("{\"type\":\"reasoning\",\"id\":\"r\",\"summary\":"
        + "[{\"type\":\"summary_text\",\"text\":\"INJECT\"}]}"), "/input/0/summary/0/text", "assistant");
    example(responses, "/input/*/input", responses("{\"type\":\"custom_tool_call\",\"call_id\":\"c\",\"name\":\"f\","
        + "\"input\":\"INJECT\"}"), "/input/0/input", "assistant");
    example(responses, "/input/*/action/**", responses("{\"type\":\"computer_call\",\"call_id\":\"c\",\"action\":"
        + "{\"type\":\"type\",\"text\":\"INJECT\"}}"), "/input/0/action/text", "assistant");
    example(responses, "/input/*/code", responses("{\"type\":\"code_interpreter_call\",\"id\":\"c\",\"code\":"
        + "\"INJECT\"}"), "/input/0/code", "assistant");
    example(responses, "/input/*/results/**", responses("{\"type\":\"file_search_call\",\"id\":\"c\",\"queries\":[],"
        + "\"results\":[{\"text\":\"INJECT\"}]}"), "/input/0/results/0/text", "tool");
    example(responses, "/input/*/tools/**", responses("{\"type\":\"mcp_list_tools\",\"id\":\"l\",\"server_label\":"
        + "\"s\",\"tools\":[{\"name\":\"t\",\"description\":\"INJECT\"}]}"), "/input/0/tools/0/description",
        "tool_definition");
    example(responses, "/prompt/variables/*", "{\"model\":\"m\",\"prompt\":{\"id\":\"pmpt_1\",\"variables\":"
        + "{\"city\":\"INJECT\"}}}", "/prompt/variables/city", "user");
    example(responses, "/tools/**", "{\"input\":\"hi\",\"tools\":[{\"type\":\"mcp\",\"server_label\":\"s\","
        + "\"server_description\":\"INJECT\",\"headers\":{\"Authorization\":\"Bearer secret\"}}]}",
        "/tools/0/server_description", "tool_definition");
    example(responses, "/text/**", "{\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"r\","
        + "\"schema\":{\"description\":\"INJECT\"}}}}", "/text/format/schema/description", "tool_definition");
    example(responses, "/input/*/content/*/file_data", responses("{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"input_file\",\"filename\":\"n.md\",\"file_data\":\"data:text/markdown,INJECT%20doc\"}]}"),
        "/input/0/content/0/file_data", "document");
    example(responses, "/input/*/content/*/file_data (binary)", responses("{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"input_file\",\"filename\":\"a.pdf\",\"file_data\":\"JVBERi0xLjQ=\"}]}"),
        "/input/0/content/0/file_data", Unscannable.REASON_BINARY_DOCUMENT);
    example(responses, "/input/*/content/*/file_url", responses("{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"input_file\",\"file_url\":\"https://example.com/INJECT.pdf\"}]}"),
        "/input/0/content/0/file_url", Unscannable.REASON_REMOTE_DOCUMENT);
    example(responses, "/input/*/content/*/image_url", responses("{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"input_image\",\"image_url\":\"https://example.com/INJECT.png\"},{\"type\":\"input_image\","
        + "\"file_id\":\"file-INJECT\"}]}"), null, null);

    String completions = "OpenAI completions ";
    example(completions, "/prompt", "{\"model\":\"m\",\"prompt\":[\"hi\",\"INJECT\"]}", "/prompt/1", "user");
    example(completions, "/suffix", "{\"model\":\"m\",\"prompt\":\"hi\",\"suffix\":\"INJECT\"}", "/suffix", "user");
    example(completions, "/prompt (token ids)", "{\"model\":\"m\",\"prompt\":[[1,2],\"INJECT\"]}", "/prompt/0",
        Unscannable.REASON_TOKEN_IDS);

    String anthropic = "Anthropic Messages ";
    example(anthropic, "/system", "{\"system\":[{\"type\":\"text\",\"text\":\"INJECT\"}],\"messages\":[]}",
        "/system/0/text", "system");
    example(anthropic, "/messages/*/content", "{\"anthropic_version\":\"v\",\"messages\":[{\"role\":\"assistant\","
        + "\"content\":\"INJECT\"}]}", "/messages/0/content", "assistant");
    example(anthropic, "/messages/*/content/*/text", anthropic("assistant", "{\"type\":\"text\",\"text\":\"INJECT\"}"),
        "/messages/0/content/0/text", "assistant");
    example(anthropic, "/messages/*/content/*/thinking", anthropic("assistant", "{\"type\":\"thinking\","
        + "\"thinking\":\"INJECT\",\"signature\":\"c2ln\"}"), "/messages/0/content/0/thinking", "assistant");
    example(anthropic, "/messages/*/content/*/citations/**", anthropic("assistant", "{\"type\":\"text\",\"text\":"
        + "\"ok\",\"citations\":[{\"type\":\"char_location\",\"cited_text\":\"INJECT\"}]}"),
        "/messages/0/content/0/citations/0/cited_text", "assistant");
    example(anthropic, "/messages/*/content/*/input/**", anthropic("assistant", "{\"type\":\"tool_use\",\"id\":\"t\","
        + "\"name\":\"f\",\"input\":{\"q\":\"INJECT\"}}"), "/messages/0/content/0/input/q", "assistant");
    example(anthropic, "/messages/*/content/*/content", anthropic("user", "{\"type\":\"search_result\",\"source\":"
        + "\"https://x\",\"title\":\"t\",\"content\":[{\"type\":\"text\",\"text\":\"INJECT\"}]}"),
        "/messages/0/content/0/content/0/text", "tool");
    example(anthropic, "/messages/*/content/*/title", anthropic("user", "{\"type\":\"document\",\"title\":\"INJECT\","
        + "\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"d\"}}"),
        "/messages/0/content/0/title", "document");
    example(anthropic, "/messages/*/content/*/context", anthropic("user", "{\"type\":\"document\",\"context\":"
        + "\"INJECT\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"d\"}}"),
        "/messages/0/content/0/context", "document");
    example(anthropic, "/messages/*/content/*/source/data", anthropic("user", "{\"type\":\"document\",\"source\":"
        + "{\"data\":\"" + B64_TEXT + "\",\"media_type\":\"text/plain\",\"type\":\"base64\"}}"),
        "/messages/0/content/0/source/data", "document");
    example(anthropic, "/messages/*/content/*/source/content/*/text", anthropic("user", "{\"type\":\"document\","
        + "\"source\":{\"type\":\"content\",\"content\":[{\"type\":\"text\",\"text\":\"INJECT\"}]}}"),
        "/messages/0/content/0/source/content/0/text", "document");
    example(anthropic, "/messages/*/content/*/source/data (binary)", anthropic("user", "{\"type\":\"document\","
        + "\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQ=\"}}"),
        "/messages/0/content/0/source/data", Unscannable.REASON_BINARY_DOCUMENT);
    example(anthropic, "/messages/*/content/*/source/url", anthropic("user", "{\"type\":\"document\",\"source\":"
        + "{\"type\":\"url\",\"url\":\"https://example.com/INJECT.pdf\"}}"),
        "/messages/0/content/0/source/url", Unscannable.REASON_REMOTE_DOCUMENT);
    example(anthropic, "/messages/*/content/*/source (image)", anthropic("user", "{\"source\":{\"type\":\"url\","
        + "\"url\":\"https://example.com/INJECT.png\"},\"type\":\"image\"}"), null, null);
    example(anthropic, "/tools/**", "{\"messages\":[],\"system\":\"s\",\"tools\":[{\"name\":\"f\",\"input_schema\":"
        + "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"description\":\"INJECT\"}}}}]}",
        "/tools/0/input_schema/properties/q/description", "tool_definition");
    example(anthropic, "/output_format/**", "{\"messages\":[],\"system\":\"s\",\"output_format\":{\"type\":"
        + "\"json_schema\",\"schema\":{\"title\":\"INJECT\"}}}", "/output_format/schema/title", "tool_definition");

    String gemini = "Gemini ";
    example(gemini, "/systemInstruction/parts/*/text", "{\"systemInstruction\":{\"parts\":[{\"text\":\"INJECT\"}]},"
        + "\"contents\":[]}", "/systemInstruction/parts/0/text", "system");
    example(gemini, "/contents/*/parts/*/text", gemini("model", "{\"text\":\"INJECT\"}"),
        "/contents/0/parts/0/text", "assistant");
    example(gemini, "/contents/*/parts/*/functionCall/**", gemini("model", "{\"functionCall\":{\"name\":\"f\","
        + "\"args\":{\"q\":\"INJECT\"}}}"), "/contents/0/parts/0/functionCall/args/q", "assistant");
    example(gemini, "/contents/*/parts/*/functionResponse/response/**", gemini("user", "{\"functionResponse\":"
        + "{\"name\":\"f\",\"response\":{\"r\":\"INJECT\"}}}"), "/contents/0/parts/0/functionResponse/response/r", "tool");
    example(gemini, "/contents/*/parts/*/executableCode/**", gemini("model", "{\"executableCode\":{\"language\":"
        + "\"PYTHON\",\"code\":\"INJECT\"}}"), "/contents/0/parts/0/executableCode/code", "assistant");
    example(gemini, "/contents/*/parts/*/codeExecutionResult/**", gemini("user", "{\"codeExecutionResult\":"
        + "{\"outcome\":\"OUTCOME_OK\",\"output\":\"INJECT\"}}"), "/contents/0/parts/0/codeExecutionResult/output", "tool");
    example(gemini, "/contents/*/parts/*/inlineData/data", gemini("user", "{\"inline_data\":{\"data\":\""
        + "eyJub3RlIjoiSU5KRUNUIGpzb24ifQ==\",\"mime_type\":\"application/json\"}}"),
        "/contents/0/parts/0/inline_data/data", "document");
    example(gemini, "/contents/*/parts/*/inlineData/data (binary)", gemini("user", "{\"inlineData\":{\"mimeType\":"
        + "\"application/pdf\",\"data\":\"JVBERi0xLjQ=\"}}"), "/contents/0/parts/0/inlineData/data",
        Unscannable.REASON_BINARY_DOCUMENT);
    example(gemini, "/contents/*/parts/*/fileData/fileUri", gemini("user", "{\"fileData\":{\"mimeType\":"
        + "\"text/plain\",\"fileUri\":\"gs://b/INJECT.txt\"}}"), "/contents/0/parts/0/fileData/fileUri",
        Unscannable.REASON_REMOTE_DOCUMENT);
    example(gemini, "/contents/*/parts/*/inlineData (media)", gemini("user", "{\"inlineData\":{\"mimeType\":"
        + "\"image/png\",\"data\":\"INJECT\"}},{\"fileData\":{\"mimeType\":\"video/mp4\",\"fileUri\":\"gs://INJECT\"}}"),
        null, null);
    example(gemini, "/tools/**", "{\"contents\":[],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
        + "\"description\":\"INJECT\"}]}]}", "/tools/0/functionDeclarations/0/description", "tool_definition");
    example(gemini, "/generationConfig/**", "{\"contents\":[],\"generationConfig\":{\"responseSchema\":"
        + "{\"type\":\"OBJECT\",\"description\":\"INJECT\"}}}", "/generationConfig/responseSchema/description",
        "tool_definition");

    String cohere1 = "Cohere v1 ";
    example(cohere1, "/message", "{\"message\":\"INJECT\"}", "/message", "user");
    example(cohere1, "/preamble", "{\"message\":\"hi\",\"preamble\":\"INJECT\"}", "/preamble", "system");
    example(cohere1, "/chat_history/*/message", "{\"message\":\"hi\",\"chat_history\":[{\"role\":\"CHATBOT\","
        + "\"message\":\"INJECT\"}]}", "/chat_history/0/message", "assistant");
    example(cohere1, "/chat_history/*/tool_calls/*/parameters/**", "{\"message\":\"hi\",\"chat_history\":[{\"role\":"
        + "\"CHATBOT\",\"message\":\"m\",\"tool_calls\":[{\"name\":\"f\",\"parameters\":{\"q\":\"INJECT\"}}]}]}",
        "/chat_history/0/tool_calls/0/parameters/q", "assistant");
    example(cohere1, "/documents/**", "{\"message\":\"hi\",\"documents\":[{\"title\":\"t\",\"snippet\":\"INJECT\"}]}",
        "/documents/0/snippet", "document");
    example(cohere1, "/tool_results/*/outputs/**", "{\"message\":\"hi\",\"tool_results\":[{\"call\":{\"name\":\"f\","
        + "\"parameters\":{}},\"outputs\":[{\"r\":\"INJECT\"}]}]}", "/tool_results/0/outputs/0/r", "tool");
    example(cohere1, "/tool_results/*/call/**", "{\"message\":\"hi\",\"tool_results\":[{\"call\":{\"name\":\"f\","
        + "\"parameters\":{\"q\":\"INJECT\"}},\"outputs\":[]}]}", "/tool_results/0/call/parameters/q", "assistant");
    example(cohere1, "/tools/**", "{\"message\":\"hi\",\"tools\":[{\"name\":\"f\",\"description\":\"d\","
        + "\"parameter_definitions\":{\"q\":{\"description\":\"INJECT\",\"type\":\"str\"}}}]}",
        "/tools/0/parameter_definitions/q/description", "tool_definition");

    String cohere2 = "Cohere v2 ";
    example(cohere2, "/messages/*/content", chat("{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"INJECT\"}]}"), "/messages/0/content/0/text", "system");
    example(cohere2, "/messages/*/tool_plan", chat("{\"role\":\"assistant\",\"tool_plan\":\"INJECT\"}"),
        "/messages/0/tool_plan", "assistant");
    example(cohere2, "/messages/*/content/*/document/data/**", chat("{\"role\":\"tool\",\"tool_call_id\":\"c\","
        + "\"content\":[{\"type\":\"document\",\"document\":{\"data\":{\"r\":\"INJECT\"}}}]}"),
        "/messages/0/content/0/document/data/r", "tool");
    example(cohere2, "/documents/**", "{\"messages\":[],\"documents\":[\"INJECT\"]}", "/documents/0", "document");
    example(cohere2, "/response_format/**", "{\"messages\":[],\"response_format\":{\"type\":\"json_object\","
        + "\"json_schema\":{\"description\":\"INJECT\"}}}", "/response_format/json_schema/description",
        "tool_definition");
  }

  @Test
  void everyRowHasAnExampleThatExtractsAsTheTableSays() {
    PromptExtractor extractor = PromptExtractor.create(ExtractionConfig.defaults());
    for (ScanScope.Field field : ScanScope.fields()) {
      String key = field.format() + " " + field.path();
      Example example = EXAMPLES.get(key);
      assertThat(example).as("an example for %s", key).isNotNull();
      byte[] body = utf8(example.body());
      ExtractedPrompt prompt = Bodies.extract(extractor, body);
      List<PromptSegment> marked = prompt.segments().stream().filter(s -> s.text().contains("INJECT")).toList();
      switch (field.handling()) {
        case ScanScope.SCANNED, ScanScope.DECODED -> {
          assertThat(marked).as("%s in %s", key, prompt.segments())
              .anySatisfy(s -> {
                assertThat(s.jsonPointer()).isEqualTo(example.pointer());
                assertThat(s.role()).isEqualTo(example.role());
                assertThat(s.isEncoded()).isEqualTo(field.handling().equals(ScanScope.DECODED));
              });
          if (!field.role().equals("message role")) {
            assertThat(example.role()).as(key).isEqualTo(field.role());
          }
          assertThat(prompt.unscannable()).as(key).isEmpty();
        }
        case ScanScope.UNSCANNABLE -> assertThat(prompt.unscannable()).as(key)
            .containsExactly(new Unscannable(example.pointer(), example.role()));
        case ScanScope.NOT_TEXT -> {
          assertThat(marked).as(key).isEmpty();
          assertThat(prompt.unscannable()).as(key).isEmpty();
        }
        default -> throw new AssertionError("unknown handling " + field.handling());
      }
    }
    assertThat(EXAMPLES.keySet()).as("examples without a row")
        .containsExactlyInAnyOrderElementsOf(ScanScope.fields().stream().map(f -> f.format() + " " + f.path()).toList());
  }

  @Test
  void theReadmePrintsEveryRow() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    for (ScanScope.Field field : ScanScope.fields()) {
      String row = "| " + field.format() + " | `" + field.path() + "` | " + (field.role().isEmpty() ? "—" : field.role())
          + " | " + field.handling() + " |";
      assertThat(readme).as("README row").contains(row);
    }
  }
}
