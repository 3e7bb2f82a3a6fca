package com.lockllm.samples.micronaut;

import com.lockllm.samples.echo.EchoModel;
import com.lockllm.scan.ScanResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.io.IOException;

/**
 * {@code POST /v1/chat/completions}, answered by the offline echo model. {@code LockLLMFilter} has
 * already scanned the body (per {@code application.properties}); the scan arrives as an argument.
 */
@Controller("/v1/chat/completions")
class ChatController {
  @Post(produces = EchoModel.CONTENT_TYPE)
  HttpResponse<byte[]> complete(@Body byte[] body, @Nullable ScanResponse scan) throws IOException {
    return HttpResponse.ok(EchoModel.chatCompletion(body, scan));
  }
}
