package com.lockllm.spring;

import com.lockllm.scan.ScanResponse;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractAnswer;
import com.lockllm.testing.ContractEcho;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A Boot application with the contract's echo routes and two annotated ones; no component scan.
 * Spring Security is on the test class path for {@link SpringSecurityOrderTest}; this application
 * leaves it out, as one without it would (Boot 3's names, then Boot 4's: those of the other line
 * are not on the class path and are ignored).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@Import({EchoApp.Echo.class, EchoApp.Annotated.class})
class EchoApp {
  @RestController
  static class Echo {
    @PostMapping({AdapterContract.PROTECTED_PATH, AdapterContract.UNPROTECTED_PATH})
    ResponseEntity<byte[]> echo(@RequestBody(required = false) byte[] body, ScanResponse scan,
        HttpServletRequest request) throws IOException {
      byte[] secondRead = request.getInputStream().readAllBytes();
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(ContractEcho.CONTENT_TYPE))
          .body(ContractEcho.render(body == null ? new byte[0] : body, secondRead, scan));
    }

    /** The answer a contract test asks for ({@link ContractAnswer}), written to the response as an upstream's. */
    @PostMapping(path = AdapterContract.PROTECTED_PATH, headers = ContractAnswer.HEADER)
    void answer(@RequestBody byte[] body, @RequestHeader(ContractAnswer.HEADER) String answer,
        HttpServletResponse response) throws IOException {
      reply(ContractAnswer.fromHeader(answer).reply(body), response);
    }

    /** The same answer, written asynchronously. */
    @PostMapping(path = AdapterContract.PROTECTED_PATH, headers = {ContractAnswer.HEADER, ASYNC})
    ResponseEntity<StreamingResponseBody> asyncAnswer(@RequestBody byte[] body,
        @RequestHeader(ContractAnswer.HEADER) String answer) {
      ContractAnswer.Reply reply = ContractAnswer.fromHeader(answer).reply(body);
      ResponseEntity.BodyBuilder builder = ResponseEntity.status(reply.status())
          .contentType(MediaType.parseMediaType(reply.contentType()));
      if (reply.contentEncoding() != null) {
        builder.header("Content-Encoding", reply.contentEncoding());
      }
      return builder.body(reply::writeTo);
    }
  }

  /** Asks {@link Echo} for an asynchronous answer. */
  static final String ASYNC = "X-Contract-Async";

  static void reply(ContractAnswer.Reply reply, HttpServletResponse response) throws IOException {
    response.setStatus(reply.status());
    response.setContentType(reply.contentType());
    if (reply.contentEncoding() != null) {
      response.setHeader("Content-Encoding", reply.contentEncoding());
    }
    if (reply.buffered()) {
      response.setContentLengthLong(reply.length());
    }
    reply.writeTo(response.getOutputStream());
  }

  /** Protected by annotation only, with per-endpoint overrides. */
  @RestController
  @LockLLMProtected(scanAction = "block")
  static class Annotated {
    @PostMapping("/annotated/blocking")
    ResponseEntity<byte[]> blocking(@RequestBody byte[] body, ScanResponse scan) {
      return render(body, scan);
    }

    @LockLLMProtected(scanAction = "allow_with_warning", format = "pointers", pointers = "/question")
    @PostMapping("/annotated/pointers")
    ResponseEntity<byte[]> pointers(@RequestBody byte[] body, ScanResponse scan) {
      return render(body, scan);
    }

    @PostMapping(path = "/annotated/answer", headers = ContractAnswer.HEADER)
    void answer(@RequestBody byte[] body, @RequestHeader(ContractAnswer.HEADER) String answer,
        HttpServletResponse response) throws IOException {
      reply(ContractAnswer.fromHeader(answer).reply(body), response);
    }
  }

  static ResponseEntity<byte[]> render(byte[] body, ScanResponse scan) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ContractEcho.CONTENT_TYPE))
        .body(ContractEcho.render(body == null ? new byte[0] : body, scan));
  }
}
