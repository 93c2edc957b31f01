package io.lblab.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The standalone command's options, printout and files (the server itself is tested elsewhere). */
class SimulatorCommandTest {

    @Test
    void writesCertificateAndEnvFileAndPrintsWhatScriptsNeed(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path env = dir.resolve("sim.env");
        SimulatorCommand.Started started = SimulatorCommand.start(new String[]{"--profile", "realistic",
                "--time-scale", "0.01", "--seed", "3", "--env-file", env.toString(), "--tenant-id", "t1",
                "--client-id", "c1", "--client-secret", "s1", "--subscription-id", "sub1"},
                new PrintStream(printed, true));
        try (ArmSimulator sim = started.simulator()) {
            SimulatorInfo info = sim.info();
            assertThat(started.certFile()).isEqualTo(dir.resolve("simulator-cert.pem").toAbsolutePath());
            assertThat(Files.readString(started.certFile())).isEqualTo(info.certificatePem())
                    .startsWith("-----BEGIN CERTIFICATE-----");
            List<String> lines = Files.readAllLines(env);
            assertThat(lines).containsExactly("AZURE_TENANT_ID=t1", "AZURE_CLIENT_ID=c1", "AZURE_CLIENT_SECRET=s1",
                    "AZURE_SUBSCRIPTION_ID=sub1", "LBLAB_SIM_URL=" + info.baseUrl(),
                    "LBLAB_SIM_CERT=" + started.certFile());
            String out = printed.toString();
            assertThat(out).contains(info.baseUrl(), "t1", "c1", "s1", "sub1", info.adminUrl(),
                    started.certFile().toString(), "profile realistic", "time scale 0.01");
            RawArm raw = new RawArm(info);
            assertThat(raw.call("PUT", "/subscriptions/sub1/resourcegroups/rg?" + RawArm.RG_API,
                    "{\"location\":\"eastus\"}").status()).isEqualTo(201);
        }
    }

    @Test
    void moreSubscriptionsArePrintedAndWrittenForTheirCredentialsSecrets(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path env = dir.resolve("sim.env");
        SimulatorCommand.Started started = SimulatorCommand.start(new String[]{"--subscriptions", "2",
                "--subscription-id", "sub1", "--env-file", env.toString()}, new PrintStream(printed, true));
        try (ArmSimulator sim = started.simulator()) {
            SimulatorInfo info = sim.info();
            String second = info.subscriptionIds().get(1);
            assertThat(info.subscriptionIds()).containsExactly("sub1", second);
            assertThat(Files.readAllLines(env)).contains("AZURE_SUBSCRIPTION_ID=sub1",
                    "AZURE_SUBSCRIPTION_ID_2=" + second);
            assertThat(printed.toString()).contains("  subscription:    sub1", "  subscription 2:  " + second);
            RawArm raw = new RawArm(info);
            assertThat(raw.call("PUT", "/subscriptions/" + second + "/resourcegroups/rg?" + RawArm.RG_API,
                    "{\"location\":\"eastus\"}").status()).isEqualTo(201);
        }
        assertThatThrownBy(() -> SimulatorCommand.start(new String[]{"--subscriptions", "0"}, System.out))
                .hasMessageContaining("at least 1");
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> SimulatorCommand.start(new String[]{"--profile", "slow"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instant or realistic");
        assertThatThrownBy(() -> SimulatorCommand.start(new String[]{"--port"}, System.out))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimulatorCommand.start(new String[]{"--bogus"}, System.out))
                .hasMessageContaining("unknown option");
        assertThat(SimulatorCommand.run(new String[]{"--help"})).isZero();
        assertThat(SimulatorCommand.run(new String[]{"--time-scale", "0"})).isEqualTo(2);
    }
}
