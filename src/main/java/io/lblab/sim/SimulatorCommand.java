package io.lblab.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulator [options]}: runs the ARM simulator until stopped. Dispatched by
 * {@code io.lblab.Main} before Quarkus boots, so it needs no CDI.
 */
public final class SimulatorCommand {
    static final String USAGE = """
            Usage: java -jar target/quarkus-app/quarkus-run.jar simulator [options]

            Runs a local Azure Resource Manager simulator over HTTPS on 127.0.0.1 until stopped (Ctrl-C).

              --port N              port to listen on (default 0: a free port)
              --profile P           instant | realistic (default instant)
              --time-scale F        wall seconds per simulated second (default 1.0; 0.01 makes Bastion's 600 s take 6 s)
              --seed N              seed of the fault injector (default 1)
              --no-throttling       switch ARM's request token buckets off
              --subscriptions N     serve N subscriptions (default 1), each with its own token buckets; the one
                                    client has a role on all; the extra ones get random ids
              --env-file PATH       write AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SUBSCRIPTION_ID,
                                    (AZURE_SUBSCRIPTION_ID_2… with --subscriptions), LBLAB_SIM_URL and LBLAB_SIM_CERT
                                    there as KEY=value lines
              --cert-file PATH      where to write the certificate (PEM); default: next to the env file,
                                    else target/sim/simulator-cert.pem
              --tenant-id ID, --client-id ID, --client-secret S, --subscription-id ID
                                    fixed credentials (default: random)
              --help                this text
            """;

    private SimulatorCommand() {
    }

    /** A started simulator with the files the command wrote. */
    record Started(ArmSimulator simulator, Path certFile, Path envFile) {
    }

    public static int run(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return 0;
        }
        Started started;
        try {
            started = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        } catch (IOException e) {
            System.err.println("simulator: cannot write files: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.simulator().close();
            System.out.println("simulator stopped");
            stopped.countDown();
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parses the options, starts the simulator, writes the certificate (and env file) and prints where. */
    static Started start(String[] args, PrintStream out) throws IOException {
        SimulatorOptions options = SimulatorOptions.defaults();
        Path envFile = null;
        Path certFile = null;
        String tenant = null;
        String client = null;
        String secret = null;
        String subscription = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> options = options.withPort(intValue(arg, value(args, ++i, arg)));
                case "--profile" -> options = options.withProfile(profile(value(args, ++i, arg)));
                case "--time-scale" -> options = options.withTimeScale(doubleValue(arg, value(args, ++i, arg)));
                case "--seed" -> options = options.withSeed(longValue(arg, value(args, ++i, arg)));
                case "--no-throttling" -> options = options.withoutThrottling();
                case "--subscriptions" -> options = options.withSubscriptions(positive(arg, value(args, ++i, arg)));
                case "--env-file" -> envFile = Path.of(value(args, ++i, arg));
                case "--cert-file" -> certFile = Path.of(value(args, ++i, arg));
                case "--tenant-id" -> tenant = value(args, ++i, arg);
                case "--client-id" -> client = value(args, ++i, arg);
                case "--client-secret" -> secret = value(args, ++i, arg);
                case "--subscription-id" -> subscription = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        options = options.withCredentials(tenant, client, secret, subscription);
        if (certFile == null) {
            Path dir = envFile != null && envFile.toAbsolutePath().getParent() != null
                    ? envFile.toAbsolutePath().getParent() : Path.of("target", "sim");
            certFile = dir.resolve("simulator-cert.pem");
        }
        ArmSimulator simulator = ArmSimulator.start(options);
        try {
            SimulatorInfo info = simulator.info();
            certFile = certFile.toAbsolutePath();
            write(certFile, info.certificatePem());
            if (envFile != null) {
                envFile = envFile.toAbsolutePath();
                write(envFile, info.toEnvLines(certFile.toString()));
            }
            print(out, options, info, certFile, envFile);
            return new Started(simulator, certFile, envFile);
        } catch (IOException | RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static void print(PrintStream out, SimulatorOptions options, SimulatorInfo info, Path cert, Path env) {
        out.println("lblab ARM simulator listening on " + info.baseUrl() + " (profile "
                + options.profile().name().toLowerCase(Locale.ROOT) + ", time scale " + options.timeScale()
                + ", throttling " + (options.throttling().enabled() ? "on" : "off") + ")");
        out.println("  tenant:          " + info.tenantId());
        out.println("  client id:       " + info.clientId());
        out.println("  client secret:   " + info.clientSecret());
        out.println("  subscription:    " + info.subscriptionId());
        for (int i = 1; i < info.subscriptionIds().size(); i++) {
            out.printf("  subscription %-3s %s%n", (i + 1) + ":", info.subscriptionIds().get(i));
        }
        out.println("  ARM endpoint:    " + info.baseUrl());
        out.println("  token endpoint:  " + info.baseUrl() + info.tenantId() + "/oauth2/v2.0/token");
        out.println("  admin API:       " + info.adminUrl() + " (resources, stats, operations, faults, reset)");
        out.println("  certificate:     " + cert);
        if (env != null) {
            out.println("  env file:        " + env);
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static LatencyProfile profile(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "instant" -> LatencyProfile.INSTANT;
            case "realistic" -> LatencyProfile.REALISTIC;
            default -> throw new IllegalArgumentException("--profile must be instant or realistic, not " + value);
        };
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }

    private static int positive(String option, String value) {
        int n = intValue(option, value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }

    private static double doubleValue(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d <= 0) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }
}
