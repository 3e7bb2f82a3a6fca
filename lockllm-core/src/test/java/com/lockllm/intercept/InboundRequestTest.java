package com.lockllm.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Headers come from the adapter's request, read by name when needed; nothing is copied. */
class InboundRequestTest {
  @Test
  void headersAreReadFromTheSourceByNameOnlyWhenAsked() {
    Map<String, List<String>> framework = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    framework.put("Content-Type", List.of("application/json"));
    framework.put("X-Forwarded-For", List.of("10.0.0.1", "203.0.113.7"));
    List<String> asked = new ArrayList<>();
    InboundRequest request = InboundRequest.builder("POST", "/v1/chat").body(new byte[0])
        .headers(name -> {
          asked.add(name);
          return framework.get(name);
        })
        .build();

    assertThat(asked).as("nothing read while building").isEmpty();
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.headers("x-forwarded-for")).containsExactly("10.0.0.1", "203.0.113.7");
    assertThat(request.header("X-Missing")).isNull();
    assertThat(request.headers("X-Missing")).isEmpty();
    assertThat(asked).as("only the names asked for").containsOnly("Content-Type", "content-type", "x-forwarded-for", "X-Missing");
  }

  @Test
  void headersAddedOneByOneWinOverTheSource() {
    InboundRequest request = InboundRequest.builder("POST", "/").body(new byte[0])
        .headers(name -> List.of("from-source"))
        .header("X-Client", "set-by-adapter")
        .build();
    assertThat(request.header("x-client")).isEqualTo("set-by-adapter");
    assertThat(request.header("Other")).isEqualTo("from-source");
  }
}
