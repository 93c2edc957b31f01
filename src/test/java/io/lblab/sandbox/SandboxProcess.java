package io.lblab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar's {@code sandbox} command as a user runs it, from the repository root. */
final class SandboxProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path output;

    private SandboxProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static SandboxProcess start(Path output, String... args) throws IOException {
        return start(output, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with these environment variables added to this JVM's. */
    static SandboxProcess start(Path output, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "sandbox"));
        command.addAll(List.of(args));
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new SandboxProcess(builder.start(), output);
    }

    int waitFor(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("sandbox still running after " + minutes + " minutes:\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C would: the sandbox tears down and exits. */
    void stop() {
        process.destroy();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
