package io.lblab.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A canned HTTP response for tests: status, headers and an optional JSON body. */
final class FakeHttpResponse extends HttpResponse {

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    FakeHttpResponse(HttpRequest request, int status, HttpHeaders headers, String body) {
        super(request);
        this.status = status;
        this.headers = headers == null ? new HttpHeaders() : headers;
        this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null && this.headers.getValue(HttpHeaderName.CONTENT_TYPE) == null) {
            this.headers.set(HttpHeaderName.CONTENT_TYPE, "application/json");
        }
    }

    FakeHttpResponse(int status, HttpHeaders headers) {
        this(new HttpRequest(HttpMethod.PUT, "https://management.azure.com/subscriptions/s/resourceGroups/rg"), status, headers, null);
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    public String getHeaderValue(String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return body.length == 0 ? Mono.empty() : Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return body.length == 0 ? Mono.empty() : Mono.just(new String(body, charset));
    }
}
