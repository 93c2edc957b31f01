package io.lblab.sim;

import com.azure.core.exception.ClientAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The token endpoint and bearer-token checks on ARM paths. */
class AuthTest extends SimulatorTestBase {

    @Test
    void armPathsDemandABearerTokenTheSimulatorIssued() {
        RawArm raw = new RawArm(sim.info());
        String path = raw.sub() + "/resourcegroups?" + RawArm.RG_API;
        RawArm.Response none = raw.callUnauthenticated("GET", path, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("AuthenticationFailed");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=");
        RawArm.Response forged = raw.callUnauthenticated("GET", path, "Bearer not-a-token");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(raw.call("GET", path, null).status()).isEqualTo(200);
        assertThat(sim.admin().stats().byStatus()).containsEntry("401", 2L);
    }

    @Test
    void tokenEndpointAnswersLikeAad() {
        RawArm raw = new RawArm(sim.info());
        RawArm.Response ok = raw.tokenRequest(sim.info().tenantId(), sim.info().clientId(), sim.info().clientSecret());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().get("expires_in").asInt()).isEqualTo(3599);
        assertThat(ok.json().get("ext_expires_in").asInt()).isEqualTo(3599);
        RawArm.Response badSecret = raw.tokenRequest(sim.info().tenantId(), sim.info().clientId(), "wrong");
        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(badSecret.json().get("error_description").asText()).startsWith("AADSTS7000215: Invalid client secret");
        assertThat(badSecret.json().get("error_codes").get(0).asInt()).isEqualTo(7000215);
        RawArm.Response badClient = raw.tokenRequest(sim.info().tenantId(), "someone-else", sim.info().clientSecret());
        assertThat(badClient.status()).isEqualTo(400);
        assertThat(badClient.json().get("error_codes").get(0).asInt()).isEqualTo(700016);
        RawArm.Response badTenant = raw.tokenRequest("other-tenant", sim.info().clientId(), sim.info().clientSecret());
        assertThat(badTenant.status()).isEqualTo(400);
        assertThat(badTenant.json().get("error_codes").get(0).asInt()).isEqualTo(90002);
        assertThat(raw.admin("GET", "/common/discovery/instance", null).json().get("tenant_discovery_endpoint")
                .asText()).contains(sim.info().tenantId());
        assertThat(raw.admin("GET", "/" + sim.info().tenantId() + "/v2.0/.well-known/openid-configuration", null)
                .json().get("token_endpoint").asText()).endsWith("/oauth2/v2.0/token");
    }

    @Test
    void theSdkWithAWrongSecretFailsToAuthenticate() {
        SimClients wrong = new SimClients(sim.info(), "not-the-secret", 0);
        Throwable t = catchThrowable(() -> wrong.resources().serviceClient().getResourceGroups().list()
                .stream().count());
        // azure-identity passes MSAL's service exception through (ClientAuthenticationException on other paths)
        assertThat(t).isInstanceOfAny(ClientAuthenticationException.class,
                com.microsoft.aad.msal4j.MsalServiceException.class);
        assertThat(t).hasMessageContaining("AADSTS7000215");
    }
}
