package io.lblab.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypeDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRETS = "/api/v1/namespaces/default/secrets";
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private final ContentTypeDispatcher dispatcher = new ContentTypeDispatcher(new KubernetesMixedDispatcher(new HashMap<>()));

    @Test
    void aProtobufSecretIsStoredAsJsonAndAnsweredInJson() throws Exception {
        MockResponse created = dispatcher.dispatch(request(HttpMethod.POST, SECRETS, PROTOBUF,
                HexFormat.of().parseHex(KubernetesProtobufTest.KUBECTL_CREATE_SECRET)));

        assertThat(created.code()).as(created.getBody().readUtf8()).isEqualTo(201);
        assertThat(created.header("Content-Type")).isEqualTo("application/json");
        MockResponse read = dispatcher.dispatch(request(HttpMethod.GET, SECRETS + "/vm-password", null, new byte[0]));
        assertThat(read.code()).isEqualTo(200);
        assertThat(read.header("Content-Type")).isEqualTo("application/json");
        JsonNode secret = JSON.readTree(read.getBody().readUtf8());
        assertThat(secret.at("/metadata/name").asText()).isEqualTo("vm-password");
        assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(secret.at("/data/password").asText()).isEqualTo("U2FuZGJveC1QYXNzdzByZCE=");
    }

    @Test
    void aProtobufBodyOfAnUnknownKindIs415AndABrokenOne400() throws Exception {
        byte[] deployment = KubernetesProtobufTest.envelope("apps/v1", "Deployment", new KubernetesProtobufTest.Message());
        MockResponse refused = dispatcher.dispatch(request(HttpMethod.POST, "/apis/apps/v1/namespaces/default/deployments", PROTOBUF, deployment));
        assertThat(refused.code()).isEqualTo(415);
        JsonNode status = JSON.readTree(refused.getBody().readUtf8());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("UnsupportedMediaType");
        assertThat(status.path("message").asText()).contains("apps/v1/Deployment");

        MockResponse broken = dispatcher.dispatch(request(HttpMethod.POST, SECRETS, PROTOBUF, new byte[] {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f}));
        assertThat(broken.code()).isEqualTo(400);
        assertThat(JSON.readTree(broken.getBody().readUtf8()).path("message").asText()).contains("protobuf");
    }

    @Test
    void aRequestTheMockServerFailsOnIsAnsweredWithAStatus() throws Exception {
        ContentTypeDispatcher failing = new ContentTypeDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                throw new IllegalArgumentException("unacceptable code point");
            }
        });

        MockResponse response = failing.dispatch(request(HttpMethod.POST, SECRETS, "application/json", "{".getBytes()));

        assertThat(response.code()).isEqualTo(500);
        assertThat(JSON.readTree(response.getBody().readUtf8()).path("message").asText()).contains("unacceptable code point");
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, byte[] body) {
        Headers.Builder headers = Headers.builder().add("Accept", PROTOBUF + ",application/json");
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(), new Buffer(body));
    }
}
