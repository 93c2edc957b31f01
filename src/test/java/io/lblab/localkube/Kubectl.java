package io.lblab.localkube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built kubectl, run from the repository root with a given kubeconfig, as a user would type it. */
public record Kubectl(Path binary, Path kubeconfig) {

    public record Result(int exitCode, String output) {
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 180 s: "
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs and requires exit 0; returns the output. */
    public String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
