package io.lblab;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * One jar, three jobs: the operator (default), the standalone ARM simulator ({@code simulator ...})
 * and the self-contained demo ({@code sandbox ...}). The two commands run before Quarkus boots, so
 * they never try to reach a Kubernetes cluster of their own.
 */
@QuarkusMain
public final class Main {

    private static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

    private Main() {
    }

    public static void main(String... args) throws Exception {
        // azure-core's JDK HTTP client sets Content-Length itself; the JDK only allows that when told, before first use
        if (System.getProperty(RESTRICTED_HEADERS) == null) {
            System.setProperty(RESTRICTED_HEADERS, "content-length");
        }
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "simulator" -> System.exit(io.lblab.sim.SimulatorCommand.run(rest));
            case "sandbox" -> System.exit(io.lblab.sandbox.SandboxCommand.run(rest));
            default -> Quarkus.run(args);
        }
    }
}
