package io.lblab.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * What a real API server does about content types, in front of the mock server (which only reads JSON and YAML):
 * <ul>
 * <li>a protobuf body ({@code kubectl create secret|configmap|namespace}) is decoded to JSON before the mock server
 * sees it; a protobuf body of a kind {@link KubernetesProtobuf} does not know gets {@code 415 Unsupported Media Type}
 * with a {@code Status} that says so;</li>
 * <li>every answer is JSON and says so in {@code Content-Type}, so that a client that accepts protobuf or JSON decodes
 * it as JSON;</li>
 * <li>a request the mock server fails on gets an error {@code Status} instead of no answer at all.</li>
 * </ul>
 */
final class ContentTypeDispatcher extends Dispatcher {

    private static final Logger LOG = Logger.getLogger(ContentTypeDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher delegate;

    ContentTypeDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        RecordedRequest forwarded = request;
        if (KubernetesProtobuf.isProtobuf(request.getHeader("Content-Type"))) {
            try {
                forwarded = asJson(request, KubernetesProtobuf.toJson(request.getBody().getBytes()));
            } catch (KubernetesProtobuf.UnsupportedKindException e) {
                return status(415, "UnsupportedMediaType", e.getMessage());
            } catch (IOException | RuntimeException e) {
                return status(400, "BadRequest", "cannot decode the protobuf body: " + e.getMessage());
            }
        }
        MockResponse response;
        try {
            response = delegate.dispatch(forwarded);
        } catch (RuntimeException e) {
            LOG.warnf(e, "in-process Kubernetes API: %s %s failed", request.getMethod(), request.getPath());
            return status(500, "InternalError", request.getMethod() + " " + request.getPath() + ": " + e);
        }
        if (response != null && response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    private static RecordedRequest asJson(RecordedRequest request, ObjectNode object) throws IOException {
        byte[] body = JSON.writeValueAsBytes(object);
        var headers = request.getHeaders().newBuilder().set("Content-Type", "application/json")
                .set("Content-Length", Integer.toString(body.length)).build();
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers, new Buffer(body));
    }

    /** A {@code meta/v1 Status} failure, as the API server answers. */
    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(status.toString());
    }
}
