package com.lockllm.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SemanticHeadTest {
  @Test
  void roundTripsToTheSameBytes() throws IOException {
    SemanticHead head = new SemanticHead("enc", 128, new float[] {0.1f, -2.5e-7f, 3f}, -1.25f);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    head.write(first);
    SemanticHead read = SemanticHead.read(new ByteArrayInputStream(first.toByteArray()));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    read.write(second);
    assertThat(read).isEqualTo(head);
    assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
    assertThat(first.toString(StandardCharsets.UTF_8)).startsWith(SemanticHead.MAGIC + "\n");
  }

  @Test
  void scoresAreALogisticOfTheMargin() {
    SemanticHead head = new SemanticHead("enc", 128, new float[] {2f, 0f}, -1f);
    assertThat(head.score(new float[] {0.5f, 9f})).isEqualTo(50.0);
    assertThat(head.score(new float[] {10f, 0f})).isGreaterThan(99.9);
  }

  @Test
  void rejectsMalformedFiles() {
    assertThatThrownBy(() -> read("something else\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read(SemanticHead.MAGIC + "\nencoder e\nwindow_tokens 64\n"
        + "dimensions 3\nbias 0\nweights 1 2\n"))
        .isInstanceOf(IOException.class).hasMessageContaining("expected 3 weights");
    assertThatThrownBy(() -> read(SemanticHead.MAGIC + "\nencoder e\ndimensions 1\nweights 1\n"))
        .isInstanceOf(IOException.class).hasMessageContaining("window_tokens");
  }

  @Test
  void committedHeadIsCompactAndMatchesTheEncoder() throws IOException {
    try (InputStream in = SemanticDetector.class.getResourceAsStream("head.txt")) {
      byte[] bytes = in.readAllBytes();
      assertThat(bytes.length).isLessThan(8 * 1024);
      SemanticHead head = SemanticHead.read(new ByteArrayInputStream(bytes));
      assertThat(head.encoder()).isEqualTo(SentenceEncoder.MODEL_ID);
      assertThat(head.dimensions()).isEqualTo(SentenceEncoder.DIMENSIONS);
    }
  }

  private static SemanticHead read(String s) throws IOException {
    return SemanticHead.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }
}
