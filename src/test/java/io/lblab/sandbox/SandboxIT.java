package io.lblab.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main job, end to end, on the instant profile: both samples Ready, then nothing left. */
class SandboxIT {

    @Test
    void sandboxRunsBothSamplesToReadyAndLeavesNothingBehind() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(Path.of("target", "sandbox-it", "run.log"),
                "--profile", "instant", "--kubeconfig", "target/sandbox-it/kubeconfig")) {
            int exit = sandbox.waitFor(5);
            String output = sandbox.output();
            assertThat(exit).as(output).isZero();
            assertThat(output)
                    .containsPattern("public-lab +Ready +frontendIP=\\d+\\.\\d+\\.\\d+\\.\\d+ +outboundIP=\\d+\\.\\d+\\.\\d+\\.\\d+")
                    .containsPattern("internal-lab +Ready +frontendIP=10\\.1\\.0\\.\\d+")
                    .contains("left in the subscription 0 resources")
                    .contains("sandbox: OK");
        }
    }

    @Test
    void aBadOptionIsRefusedWithUsage() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(Path.of("target", "sandbox-it", "bad.log"), "--labs", "zero")) {
            assertThat(sandbox.waitFor(1)).isEqualTo(2);
            assertThat(sandbox.output()).contains("--labs takes a whole number").contains("usage:");
        }
    }
}
