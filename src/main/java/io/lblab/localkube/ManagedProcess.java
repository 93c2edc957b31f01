package io.lblab.localkube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a (new) log file and which cannot outlive the JVM that started it: it runs under a
 * small shell watchdog that ends it when this JVM is gone, even after a {@code kill -9} of the JVM, when no shutdown
 * hook runs: SIGTERM, and SIGKILL 20 s later if it is still there (an operator whose API server went with the JVM
 * can hang in its shutdown). A SIGTERM to the watchdog itself ends the program the same way.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final String WATCHDOG = """
            "$@" & child=$!
            stop() {
              kill -TERM $child 2>/dev/null
              n=0; while kill -0 $child 2>/dev/null && [ $n -lt "${LBLAB_WATCHDOG_GRACE:-20}" ]; do sleep 1; n=$((n+1)); done
              kill -KILL $child 2>/dev/null
              wait $child
            }
            trap 'stop; exit 143' TERM INT
            while kill -0 "$LBLAB_PARENT_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
            stop
            """;

    private final String name;
    private final Process watchdog;
    private final Path log;

    private ManagedProcess(String name, Process watchdog, Path log) {
        this.name = name;
        this.watchdog = watchdog;
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // the process whose end ends the program: this JVM, unless the caller names another
        builder.environment().putIfAbsent("LBLAB_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return new ManagedProcess(name, builder.start(), log);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The program itself (the watchdog's child), once it has started. */
    public Optional<ProcessHandle> program() {
        // the watchdog's other child, now and then, is its `sleep 1`
        return watchdog.children().filter(p -> !p.info().command().orElse("").endsWith("/sleep")).findFirst();
    }

    public boolean isAlive() {
        return watchdog.isAlive();
    }

    /** {@code kill -9} of the program, as a crash would do: no shutdown hook of its own runs. */
    public void kill() throws InterruptedException {
        program().ifPresent(ProcessHandle::destroyForcibly);
        watchdog.waitFor(30, TimeUnit.SECONDS);
    }

    /** The last lines of its log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL of the program and everything under the watchdog after a grace period. */
    @Override
    public void close() {
        if (!watchdog.isAlive()) {
            return;
        }
        Optional<ProcessHandle> program = program();
        watchdog.destroy();
        try {
            if (!watchdog.waitFor(15, TimeUnit.SECONDS)) {
                program.ifPresent(ProcessHandle::destroyForcibly);
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
                watchdog.waitFor(10, TimeUnit.SECONDS);
            }
            program.ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            program.ifPresent(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
        program.filter(ProcessHandle::isAlive).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> p).join();
        });
    }
}
