package com.lockllm.intercept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {
  @Test
  void exactPatternsMatchOnlyThemselves() {
    PathPattern p = PathPattern.compile("/v1/chat/completions");
    assertThat(p.matches("/v1/chat/completions")).isTrue();
    assertThat(p.matches("/v1/chat/completion")).isFalse();
    assertThat(p.matches("/v1/chat/completions/x")).isFalse();
  }

  @Test
  void matchingIsCaseInsensitiveAndPatternsLoseATrailingSlash() {
    assertThat(PathPattern.compile("/v1/chat/completions").matches("/V1/Chat/COMPLETIONS")).isTrue();
    assertThat(PathPattern.compile("/v1/chat/").matches("/v1/chat")).isTrue();
    assertThat(PathPattern.compile("/").matches("/")).isTrue();
  }

  @Test
  void canonicalPathsUndoEveryRoutingTrick() {
    for (String trick : new String[] {"//v1/chat/completions", "/v1//chat/completions", "/v1/chat/completions/",
        "/v1/chat%2Fcompletions", "/v1%252Fchat/completions", "/v1/chat/%63ompletions", "\\v1\\chat/completions",
        "/v1/chat/completions;jsessionid=ABC", "/v1;x=y/chat/completions", "/v1/./chat/completions",
        "/v1/x/../chat/completions", "/../v1/chat/completions", "/v1/chat/completions%3Bx=1"}) {
      assertThat(PathPattern.canonical(trick)).as(trick).isEqualTo("/v1/chat/completions");
    }
    assertThat(PathPattern.canonical("")).isEqualTo("/");
    assertThat(PathPattern.canonical("/%")).isEqualTo("/%");
    assertThat(PathPattern.canonical("/caf%C3%A9/%F0%9F%98%80")).isEqualTo("/caf\u00e9/\uD83D\uDE00");
    assertThat(PathPattern.canonical("/bad%FF")).isEqualTo("/bad\uFFFD");
  }

  @Test
  void anEncodedSlashIsReadBothWaysSoAWildcardStillMatchesIt() {
    assertThat(PathPattern.forms("/v1/a%2Fb/completions")).containsExactly("/v1/a/b/completions", "/v1/a%2Fb/completions");
    assertThat(PathPattern.forms("//v1/chat/")).containsExactly("/v1/chat");
    ProtectedRoute route = ProtectedRoute.builder("/v1/*/completions").build();
    assertThat(route.matches("/v1/a%2Fb/completions")).isTrue();
    assertThat(route.matches("/v1/a/b/completions")).isFalse();
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
