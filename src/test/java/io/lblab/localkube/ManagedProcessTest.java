package io.lblab.localkube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ManagedProcessTest {

    @Test
    void aProgramThatIgnoresSigtermIsKilledOnceItsParentIsGone(@TempDir Path dir) throws Exception {
        // the "JVM" here is a short-lived process; the program ignores SIGTERM (an ignored signal stays ignored across exec),
        // as a hung shutdown would
        Process parent = new ProcessBuilder("sleep", "1").start();
        try (ManagedProcess stubborn = ManagedProcess.start("stubborn", List.of("bash", "-c", "trap '' TERM; exec tail -f /dev/null"),
                Map.of("LBLAB_PARENT_PID", Long.toString(parent.pid()), "LBLAB_WATCHDOG_GRACE", "1"), dir.resolve("stubborn.log"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stubborn.program().isPresent());
            ProcessHandle program = stubborn.program().orElseThrow();
            parent.waitFor();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !program.isAlive() && !stubborn.isAlive());
        }
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilledWhenItsWatchdogIsTerminated(@TempDir Path dir) throws Exception {
        // what a killed test JVM's shutdown hook (or a kill of the watchdog) does: the program must not outlive it
        try (ManagedProcess stubborn = ManagedProcess.start("stubborn", List.of("bash", "-c", "trap '' TERM; exec tail -f /dev/null"),
                Map.of("LBLAB_WATCHDOG_GRACE", "1"), dir.resolve("stubborn.log"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stubborn.program().isPresent());
            ProcessHandle program = stubborn.program().orElseThrow();
            ProcessHandle watchdog = program.parent().orElseThrow();
            watchdog.destroy();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !program.isAlive() && !watchdog.isAlive());
        }
    }
}
