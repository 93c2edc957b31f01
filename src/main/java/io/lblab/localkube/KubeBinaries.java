package io.lblab.localkube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The directory holding etcd, kube-apiserver, kube-controller-manager and kubectl, built from the Go modules pinned in
 * {@code src/test/kube} by its {@code build.sh} (cached under {@code ~/.cache/lblab/kube/<version>/}).
 */
public record KubeBinaries(Path dir) {

    public static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");
    /** The build script, relative to the repository root (the working directory of the build and the sandbox). */
    public static final Path BUILD_SCRIPT = Path.of("src", "test", "kube", "build.sh");
    private static final long BUILD_TIMEOUT_MINUTES = 45;
    /** The build script's exit status when Go is not installed. */
    private static final int NO_GO = 2;

    /**
     * The binaries of {@code LBLAB_KUBE_DIR} (or system property {@code lblab.kube.dir}) when set; otherwise those the
     * build script makes or finds up to date. Empty, with the reason, when neither is possible (no script, no Go).
     */
    public static Located locate(boolean buildIfMissing) {
        String configured = System.getProperty("lblab.kube.dir", System.getenv("LBLAB_KUBE_DIR"));
        if (configured != null && !configured.isBlank()) {
            KubeBinaries binaries = new KubeBinaries(Path.of(configured));
            return binaries.missing().map(m -> Located.none("LBLAB_KUBE_DIR=" + configured + " lacks " + m))
                    .orElse(Located.of(binaries));
        }
        if (!Files.isRegularFile(BUILD_SCRIPT)) {
            return Located.none(BUILD_SCRIPT + " not found (run from the repository root, or set LBLAB_KUBE_DIR)");
        }
        try {
            KubeBinaries binaries = new KubeBinaries(Path.of(run(List.of("bash", BUILD_SCRIPT.toString(), "--print-dir"), 1).output().trim()));
            if (binaries.missing().isEmpty() && binaries.upToDate()) {
                return Located.of(binaries);
            }
            if (!buildIfMissing) {
                return Located.none("the binaries in " + binaries.dir() + " are missing or stale; build them with bash " + BUILD_SCRIPT);
            }
            Build build = run(List.of("bash", BUILD_SCRIPT.toString()), BUILD_TIMEOUT_MINUTES);
            if (build.exitCode() == NO_GO) {
                return Located.none(build.output().trim());
            }
            if (build.exitCode() != 0) {
                throw new IOException("bash " + BUILD_SCRIPT + " failed (exit " + build.exitCode() + "):\n" + build.output());
            }
            return binaries.missing().map(m -> Located.none(BUILD_SCRIPT + " ran but " + m + " is missing"))
                    .orElse(Located.of(binaries));
        } catch (IOException e) {
            return Located.none(e.getMessage());
        }
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    /** The Kubernetes version the binaries were built from, e.g. {@code 1.37.2}: the directory's name up to "-etcd". */
    public String kubernetesVersion() {
        String name = dir.getFileName().toString();
        int etcd = name.indexOf("-etcd");
        return etcd < 0 ? name : name.substring(0, etcd);
    }

    private Optional<String> missing() {
        return NAMES.stream().filter(n -> !Files.isExecutable(path(n))).findFirst();
    }

    private boolean upToDate() throws IOException {
        return run(List.of("bash", BUILD_SCRIPT.toString(), "--check"), 1).exitCode() == 0;
    }

    private record Build(int exitCode, String output) {
    }

    private static Build run(List<String> command, long timeoutMinutes) throws IOException {
        Path log = Files.createTempFile("lblab-kube-build", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutMinutes + " min; its output: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The binaries, or why there are none. */
    public record Located(KubeBinaries binaries, String reason) {
        static Located of(KubeBinaries binaries) {
            return new Located(binaries, null);
        }

        static Located none(String reason) {
            return new Located(null, reason);
        }

        public boolean found() {
            return binaries != null;
        }
    }
}
