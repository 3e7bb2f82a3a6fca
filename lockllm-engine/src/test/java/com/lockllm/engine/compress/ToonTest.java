package com.lockllm.engine.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.scan.CompressionMethod;
import org.junit.jupiter.api.Test;

class ToonTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static String toon(String json) throws Exception {
    return Toon.encode(OBJECT_MAPPER.readTree(json));
  }

  @Test
  void objectsNestByIndentation() throws Exception {
    assertThat(toon("{\"id\":1,\"user\":{\"name\":\"Ada\",\"active\":true,\"tags\":[]},\"note\":null}"))
        .isEqualTo("id: 1\nuser:\n  name: Ada\n  active: true\n  tags[0]:\nnote: null");
  }

  @Test
  void uniformArraysOfObjectsBecomeTables() throws Exception {
    assertThat(toon("{\"users\":[{\"id\":1,\"name\":\"Alice\",\"role\":\"admin\"},{\"id\":2,\"name\":\"Bob\",\"role\":\"user\"}]}"))
        .isEqualTo("users[2]{id,name,role}:\n  1,Alice,admin\n  2,Bob,user");
  }

  @Test
  void primitiveArraysGoInlineAndMixedOnesBecomeListItems() throws Exception {
    assertThat(toon("{\"n\":[1,2.50,-0,1e3],\"mixed\":[1,{\"a\":1,\"b\":[1,2]},[3,4],\"x\"]}"))
        .isEqualTo("n[4]: 1,2.5,0,1000\nmixed[4]:\n  - 1\n  - a: 1\n    b[2]: 1,2\n  - [2]: 3,4\n  - x");
    assertThat(toon("[{\"a\":1},{\"b\":2}]")).isEqualTo("[2]:\n  - a: 1\n  - b: 2");
  }

  @Test
  void stringsAreQuotedOnlyWhereTheyWouldBeMisread() throws Exception {
    assertThat(toon("{\"s\":[\"plain text\",\"\",\" pad\",\"true\",\"42\",\"-x\",\"a,b\",\"k: v\",\"line\\nbreak\",\"q\\\"\"],"
        + "\"odd key\":1}"))
        .isEqualTo("s[10]: plain text,\"\",\" pad\",\"true\",\"42\",\"-x\",\"a,b\",\"k: v\",\"line\\nbreak\",\"q\\\"\"\n"
            + "\"odd key\": 1");
  }

  @Test
  void compressionKeepsTextThatIsNotJsonAndNeverGrowsAnything() {
    String json = "{\n  \"users\": [\n    {\"id\": 1, \"name\": \"Alice\"},\n    {\"id\": 2, \"name\": \"Bob\"}\n  ]\n}";
    assertThat(Compressor.compress(json, CompressionMethod.TOON)).isEqualTo("users[2]{id,name}:\n  1,Alice\n  2,Bob");
    assertThat(Compressor.compress("Summarise {this} please", CompressionMethod.TOON)).isEqualTo("Summarise {this} please");
    assertThat(Compressor.compress("{\"a\":1,\"a\":2}", CompressionMethod.TOON)).as("duplicate keys: not JSON we trust")
        .isEqualTo("{\"a\":1,\"a\":2}");
    assertThat(Compressor.compress("{}", CompressionMethod.TOON)).isEqualTo("{}");
  }

  @Test
  void compactSqueezesWhiteSpaceButKeepsIndentationAndWords() {
    String text = "def f():\n    return   1   \n\n\n\nSo    long   and thanks\t\tfor all";
    assertThat(Compressor.compress(text, CompressionMethod.COMPACT))
        .isEqualTo("def f():\n    return 1\n\nSo long and thanks for all");
    assertThat(Compressor.compress("{\"a\": [1, 2]}   and   more", CompressionMethod.COMBINED))
        .isEqualTo("{\"a\": [1, 2]} and more");
  }
}
