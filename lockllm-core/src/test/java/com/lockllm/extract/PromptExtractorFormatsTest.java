package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import static com.lockllm.extract.Bodies.ALL_ROLES;
import static com.lockllm.extract.Bodies.extract;
import static com.lockllm.extract.Bodies.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Each format read from request bodies as the providers' SDKs send them. */
class PromptExtractorFormatsTest {

  @Test
  void openAiChatWithSystemPartsImageToolCallAndToolMessage() {
    byte[] body = request("openai-chat/python-sdk-tools-vision.json");

    assertSegments(extract(PromptFormat.OPENAI_CHAT, ALL_ROLES, body), PromptFormat.OPENAI_CHAT,
        tuple("system", "You are a helpful travel assistant. Answer concisely.", "/messages/0/content"),
        tuple("user", "What is in this picture?", "/messages/1/content/0/text"),
        tuple("user", "And what's the weather in Paris — in °C?", "/messages/1/content/2/text"),
        tuple("assistant", "get_weather", "/messages/2/tool_calls/0/function/name"),
        tuple("assistant", "{\"city\":\"Paris\",\"unit\":\"celsius\"}",
            "/messages/2/tool_calls/0/function/arguments"),
        tuple("tool", "{\"temperature\": 18, \"conditions\": \"light rain\"}", "/messages/3/content"),
        tuple("user", "alice", "/messages/4/name"),
        tuple("user", "Thanks! Summarise that in one line.", "/messages/4/content"),
        tuple("tool_definition", "function", "/tools/0/type"),
        tuple("tool_definition", "get_weather", "/tools/0/function/name"),
        tuple("tool_definition", "Get the current weather for a city", "/tools/0/function/description"),
        tuple("tool_definition", "object", "/tools/0/function/parameters/type"),
        tuple("tool_definition", "city", "/tools/0/function/parameters/properties/city"),
        tuple("tool_definition", "string", "/tools/0/function/parameters/properties/city/type"),
        tuple("tool_definition", "City name", "/tools/0/function/parameters/properties/city/description"),
        tuple("tool_definition", "unit", "/tools/0/function/parameters/properties/unit"),
        tuple("tool_definition", "string", "/tools/0/function/parameters/properties/unit/type"),
        tuple("tool_definition", "celsius", "/tools/0/function/parameters/properties/unit/enum/0"),
        tuple("tool_definition", "fahrenheit", "/tools/0/function/parameters/properties/unit/enum/1"),
        tuple("tool_definition", "city", "/tools/0/function/parameters/required/0"));
  }

  /** The default scans every role: narrowing to user and tool drops instructions, history and definitions. */
  @Test
  void openAiChatNarrowedToUserAndTool() {
    byte[] body = request("openai-chat/python-sdk-tools-vision.json");

    assertSegments(extract(PromptFormat.OPENAI_CHAT, Set.of("user", "tool"), body), PromptFormat.OPENAI_CHAT,
        tuple("user", "What is in this picture?", "/messages/1/content/0/text"),
        tuple("user", "And what's the weather in Paris — in °C?", "/messages/1/content/2/text"),
        tuple("tool", "{\"temperature\": 18, \"conditions\": \"light rain\"}", "/messages/3/content"),
        tuple("user", "alice", "/messages/4/name"),
        tuple("user", "Thanks! Summarise that in one line.", "/messages/4/content"));
  }

  @Test
  void theDefaultRolesAreEveryRole() {
    byte[] body = request("openai-chat/python-sdk-tools-vision.json");

    assertThat(ExtractionConfig.DEFAULT_ROLES).containsExactlyInAnyOrderElementsOf(PromptSegment.ROLES);
    assertThat(extract(PromptFormat.OPENAI_CHAT, ExtractionConfig.DEFAULT_ROLES, body).segments())
        .isEqualTo(extract(PromptFormat.OPENAI_CHAT, ALL_ROLES, body).segments());
  }

  @Test
  void openAiResponsesStringInputAndInstructions() {
    byte[] body = request("openai-responses/python-sdk-string-input.json");

    assertSegments(extract(PromptFormat.OPENAI_RESPONSES, ALL_ROLES, body), PromptFormat.OPENAI_RESPONSES,
        tuple("user", "Write a haiku about the sea.", "/input"),
        tuple("system", "You are a poet.", "/instructions"));
  }

  @Test
  void openAiResponsesItemInputWithFunctionCallAndOutput() {
    byte[] body = request("openai-responses/python-sdk-items-input.json");

    assertSegments(extract(PromptFormat.OPENAI_RESPONSES, ALL_ROLES, body), PromptFormat.OPENAI_RESPONSES,
        tuple("user", "What's the weather in Oslo?", "/input/0/content/0/text"),
        tuple("user", "get_weather", "/input/1/name"),
        tuple("assistant", "{\"city\":\"Oslo\"}", "/input/1/arguments"),
        tuple("tool", "{\"temp_c\":4,\"sky\":\"snow\"}", "/input/2/output"),
        tuple("assistant", "It is 4 °C and snowing in Oslo.", "/input/3/content/0/text"),
        tuple("user", "Should I bring an umbrella?", "/input/4/content"),
        tuple("system", "Answer as a weather bot.", "/instructions"),
        tuple("tool_definition", "function", "/tools/0/type"),
        tuple("tool_definition", "get_weather", "/tools/0/name"),
        tuple("tool_definition", "Weather lookup", "/tools/0/description"),
        tuple("tool_definition", "object", "/tools/0/parameters/type"),
        tuple("tool_definition", "city", "/tools/0/parameters/properties/city"),
        tuple("tool_definition", "string", "/tools/0/parameters/properties/city/type"),
        tuple("tool_definition", "city", "/tools/0/parameters/required/0"));
  }

  @Test
  void openAiCompletionsStringPrompt() {
    byte[] body = request("openai-completions/python-sdk-string.json");

    assertSegments(extract(PromptFormat.OPENAI_COMPLETIONS, ALL_ROLES, body), PromptFormat.OPENAI_COMPLETIONS,
        tuple("user", "Say this is a test", "/prompt"));
  }

  @Test
  void openAiCompletionsArrayPrompt() {
    byte[] body = request("openai-completions/python-sdk-array.json");

    assertSegments(extract(PromptFormat.OPENAI_COMPLETIONS, ALL_ROLES, body), PromptFormat.OPENAI_COMPLETIONS,
        tuple("user", "Translate to French: cheese", "/prompt/0"),
        tuple("user", "Translate to German: bread", "/prompt/1"));
  }

  @Test
  void openAiCompletionsTokenPromptHasStructureButNoText() {
    byte[] body = Bodies.utf8("{\"model\":\"davinci-002\",\"prompt\":[[1212,318],[257,1332]]}");

    assertThat(extract(PromptFormat.OPENAI_COMPLETIONS, ALL_ROLES, body).segments()).isEmpty();
  }

  @Test
  void anthropicWithSystemBlocksToolUseAndToolResults() {
    byte[] body = request("anthropic/python-sdk-tools-system-blocks.json");

    assertSegments(extract(PromptFormat.ANTHROPIC, ALL_ROLES, body), PromptFormat.ANTHROPIC,
        tuple("user", "What's the weather like in San Francisco?", "/messages/0/content/0/text"),
        tuple("assistant", "I'll check the weather for you.", "/messages/1/content/0/text"),
        tuple("assistant", "San Francisco, CA", "/messages/1/content/1/input/location"),
        tuple("assistant", "fahrenheit", "/messages/1/content/1/input/unit"),
        tuple("tool", "65 degrees, sunny", "/messages/2/content/0/content"),
        tuple("tool", "Forecast: fog rolling in after 6 pm.", "/messages/2/content/1/content/0/text"),
        tuple("user", "Is that warm enough for a picnic? \u2600\ufe0f", "/messages/2/content/2/text"),
        tuple("system", "You are a weather assistant.", "/system/0/text"),
        tuple("system", "Always answer in \u00e9l\u00e9gant English.", "/system/1/text"),
        tuple("tool_definition", "get_weather", "/tools/0/name"),
        tuple("tool_definition", "Get the current weather in a given location", "/tools/0/description"),
        tuple("tool_definition", "object", "/tools/0/input_schema/type"),
        tuple("tool_definition", "location", "/tools/0/input_schema/properties/location"),
        tuple("tool_definition", "string", "/tools/0/input_schema/properties/location/type"),
        tuple("tool_definition", "The city and state", "/tools/0/input_schema/properties/location/description"),
        tuple("tool_definition", "unit", "/tools/0/input_schema/properties/unit"),
        tuple("tool_definition", "string", "/tools/0/input_schema/properties/unit/type"),
        tuple("tool_definition", "celsius", "/tools/0/input_schema/properties/unit/enum/0"),
        tuple("tool_definition", "fahrenheit", "/tools/0/input_schema/properties/unit/enum/1"),
        tuple("tool_definition", "location", "/tools/0/input_schema/required/0"));
  }

  @Test
  void anthropicNarrowedToUserAndToolSkipsSystemAssistantAndTools() {
    byte[] body = request("anthropic/python-sdk-tools-system-blocks.json");

    assertSegments(extract(PromptFormat.ANTHROPIC, Set.of("user", "tool"), body), PromptFormat.ANTHROPIC,
        tuple("user", "What's the weather like in San Francisco?", "/messages/0/content/0/text"),
        tuple("tool", "65 degrees, sunny", "/messages/2/content/0/content"),
        tuple("tool", "Forecast: fog rolling in after 6 pm.", "/messages/2/content/1/content/0/text"),
        tuple("user", "Is that warm enough for a picnic? \u2600\ufe0f", "/messages/2/content/2/text"));
  }

  @Test
  void anthropicStringSystem() {
    byte[] body = Bodies.utf8("{\"model\":\"claude-3-5-haiku-latest\",\"max_tokens\":256,"
        + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}");

    assertSegments(extract(PromptFormat.ANTHROPIC, ALL_ROLES, body), PromptFormat.ANTHROPIC,
        tuple("system", "Be brief.", "/system"),
        tuple("user", "Hello, Claude", "/messages/0/content"));
  }

  @Test
  void geminiWithSystemInstructionFunctionCallAndFunctionResponse() {
    byte[] body = request("gemini/rest-generate-content-tools.json");

    assertSegments(extract(PromptFormat.GEMINI, ALL_ROLES, body), PromptFormat.GEMINI,
        tuple("user", "What's the weather in Boston?", "/contents/0/parts/0/text"),
        tuple("assistant", "get_current_weather", "/contents/1/parts/0/functionCall/name"),
        tuple("assistant", "Boston, MA", "/contents/1/parts/0/functionCall/args/location"),
        tuple("tool", "38F", "/contents/2/parts/0/functionResponse/response/content/temperature"),
        tuple("tool", "Partly cloudy", "/contents/2/parts/0/functionResponse/response/content/description"),
        tuple("user", "Should I wear a coat?", "/contents/3/parts/0/text"),
        tuple("system", "You are a cheerful weather bot.", "/systemInstruction/parts/0/text"),
        tuple("tool_definition", "get_current_weather", "/tools/0/functionDeclarations/0/name"),
        tuple("tool_definition", "Get the current weather in a location", "/tools/0/functionDeclarations/0/description"),
        tuple("tool_definition", "OBJECT", "/tools/0/functionDeclarations/0/parameters/type"),
        tuple("tool_definition", "location", "/tools/0/functionDeclarations/0/parameters/properties/location"),
        tuple("tool_definition", "STRING", "/tools/0/functionDeclarations/0/parameters/properties/location/type"),
        tuple("tool_definition", "The city and state, e.g. San Francisco, CA",
            "/tools/0/functionDeclarations/0/parameters/properties/location/description"),
        tuple("tool_definition", "location", "/tools/0/functionDeclarations/0/parameters/required/0"));
  }

  @Test
  void geminiSnakeCaseSystemInstruction() {
    byte[] body = Bodies.utf8("{\"system_instruction\":{\"parts\":[{\"text\":\"You are a cat.\"}]},"
        + "\"contents\":[{\"parts\":[{\"text\":\"Hello there\"}]}]}");

    assertSegments(extract(PromptFormat.GEMINI, ALL_ROLES, body), PromptFormat.GEMINI,
        tuple("system", "You are a cat.", "/system_instruction/parts/0/text"),
        tuple("user", "Hello there", "/contents/0/parts/0/text"));
  }

  @Test
  void cohereV1WithPreambleChatHistoryDocumentsAndToolResults() {
    byte[] body = request("cohere/python-sdk-v1-chat.json");

    assertSegments(extract(PromptFormat.COHERE, ALL_ROLES, body), PromptFormat.COHERE,
        tuple("user", "Which of these documents mentions penguins?", "/message"),
        tuple("system", "You are a research assistant. Cite your sources.", "/preamble"),
        tuple("user", "Hi!", "/chat_history/0/message"),
        tuple("assistant", "Hello! How can I help?", "/chat_history/1/message"),
        tuple("system", "The user prefers short answers.", "/chat_history/2/message"),
        tuple("document", "Tall penguins", "/documents/0/title"),
        tuple("document", "Emperor penguins are the tallest.", "/documents/0/snippet"),
        tuple("document", "Penguin habitats", "/documents/1/title"),
        tuple("document", "Emperor penguins only live in Antarctica.", "/documents/1/snippet"),
        tuple("assistant", "query_daily_sales_report", "/tool_results/0/call/name"),
        tuple("assistant", "2023-09-29", "/tool_results/0/call/parameters/day"),
        tuple("tool", "2023-09-29", "/tool_results/0/outputs/0/date"),
        tuple("tool", "Total Sales Amount: 10000", "/tool_results/0/outputs/0/summary"));
  }

  @Test
  void cohereV2Messages() {
    byte[] body = request("cohere/python-sdk-v2-chat.json");

    assertSegments(extract(PromptFormat.COHERE, ALL_ROLES, body), PromptFormat.COHERE,
        tuple("system", "You are a helpful sales analyst.", "/messages/0/content"),
        tuple("user", "What were the sales on 29 September?", "/messages/1/content"),
        tuple("assistant", "I will look up the daily sales report.", "/messages/2/tool_plan"),
        tuple("assistant", "query_daily_sales_report", "/messages/2/tool_calls/0/function/name"),
        tuple("assistant", "{\"day\":\"2023-09-29\"}", "/messages/2/tool_calls/0/function/arguments"),
        tuple("tool", "{\"date\": \"2023-09-29\", \"summary\": \"Total Sales Amount: 10000\"}",
            "/messages/3/content/0/document/data"),
        tuple("user", "And compared with the day before?", "/messages/4/content/0/text"),
        tuple("tool_definition", "function", "/tools/0/type"),
        tuple("tool_definition", "query_daily_sales_report", "/tools/0/function/name"),
        tuple("tool_definition", "Connects to a database to retrieve overall sales volumes", "/tools/0/function/description"),
        tuple("tool_definition", "object", "/tools/0/function/parameters/type"),
        tuple("tool_definition", "day", "/tools/0/function/parameters/properties/day"),
        tuple("tool_definition", "string", "/tools/0/function/parameters/properties/day/type"),
        tuple("tool_definition", "Retrieves sales data for this day, formatted as YYYY-MM-DD.",
            "/tools/0/function/parameters/properties/day/description"),
        tuple("tool_definition", "day", "/tools/0/function/parameters/required/0"));
  }

  static void assertSegments(ExtractedPrompt prompt, PromptFormat format, Tuple... expected) {
    assertThat(prompt.format()).isEqualTo(format);
    List<PromptSegment> segments = prompt.segments();
    assertThat(segments).extracting(PromptSegment::role, PromptSegment::text, PromptSegment::jsonPointer)
        .containsExactly(expected);
  }
}
