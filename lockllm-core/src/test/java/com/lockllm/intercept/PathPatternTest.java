package com.lockllm.intercept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {
  @Test
  void exactPatternsMatchOnlyThemselves() {
    PathPattern p = PathPattern.compile("/v1/chat/completions");
    assertThat(p.matches("/v1/chat/completions")).isTrue();
    assertThat(p.matches("/v1/chat/completions/")).isFalse();
    assertThat(p.matches("/V1/chat/completions")).isFalse();
  }

  @Test
  void singleStarStaysInsideOneSegment() {
    PathPattern p = PathPattern.compile("/v1/*/completions");
    assertThat(p.matches("/v1/chat/completions")).isTrue();
    assertThat(p.matches("/v1/a/b/completions")).isFalse();
  }

  @Test
  void doubleStarCrossesSegmentsAndATrailingOneMatchesThePrefix() {
    PathPattern tail = PathPattern.compile("/v1/**");
    assertThat(tail.matches("/v1")).isTrue();
    assertThat(tail.matches("/v1/")).isTrue();
    assertThat(tail.matches("/v1/proxy/openai/chat/completions")).isTrue();
    assertThat(tail.matches("/v10")).isFalse();

    PathPattern middle = PathPattern.compile("/api/**/chat");
    assertThat(middle.matches("/api/chat")).isTrue();
    assertThat(middle.matches("/api/a/b/chat")).isTrue();
    assertThat(middle.matches("/api/a/b/chatty")).isFalse();
  }

  @Test
  void regexCharactersAreLiteral() {
    assertThat(PathPattern.compile("/a.b/(x)").matches("/a.b/(x)")).isTrue();
    assertThat(PathPattern.compile("/a.b").matches("/axb")).isFalse();
  }

  @Test
  void patternsMustBeAbsolute() {
    assertThatThrownBy(() -> PathPattern.compile("v1/**")).isInstanceOf(IllegalArgumentException.class);
  }
}
