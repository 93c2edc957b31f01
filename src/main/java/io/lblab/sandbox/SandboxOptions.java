package io.lblab.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sandbox command line. */
record SandboxOptions(boolean keep, boolean samples, int labs, String profile, double timeScale, double faults,
                      double afterCommit, Path kubeconfig, Path envFile, String apiServer, boolean help) {

    static final String IN_PROCESS = "in-process";
    static final String REAL = "real";

    static final String USAGE = """
            usage: java -jar target/quarkus-app/quarkus-run.jar sandbox [options]

            Runs the whole product on this machine: a Kubernetes API, the ARM simulator and the operator.
            By default it applies deploy/samples/public.yaml and internal.yaml, shows progress, prints the frontend IPs,
            deletes both labs, checks nothing is left in the simulated subscription, and exits 0.

              --api-server MODE    the Kubernetes API: in-process (default; fabric8's mock API inside this JVM) or real
                                   (etcd, kube-apiserver and kube-controller-manager on loopback, files and logs in
                                   <kubeconfig's directory>/localkube; built by src/test/kube/build.sh, which needs Go
                                   once, or taken from LBLAB_KUBE_DIR; all stop when the sandbox does)
              --keep               stay up after Ready until Ctrl-C (kubectl works against the sandbox), then tear down
              --no-samples         apply nothing (use with --keep and kubectl)
              --labs N             N copies of each sample (default 1)
              --profile P          simulator latency profile: realistic (default) or instant
              --time-scale F       wall seconds per simulated second (default 0.05: Bastion's 10 minutes take 30 s)
              --faults RATE        inject ARM faults with this probability per request, e.g. 0.05. Reads get it as
                                   429, 500 or 503 (2:1:1) before they are processed. Writes split it by --after-commit:
                                   before commit (429, 500, 503 as for reads: nothing applied) and after commit (the
                                   write is applied, then its answer is lost: connection reset, 500, 502, 504, or a
                                   timeout, 1:1:1:1:1; a timeout holds the answer 65 s, past the Azure SDK's 60 s)
              --after-commit SHARE the share of a write's fault rate applied after commit (default 0.5; 0 = only
                                   before-commit faults, 1 = every write fault loses the answer of an applied write)
              --kubeconfig PATH    where to write the kubeconfig (default target/sandbox/kubeconfig)
              --env-file PATH      write the simulator's KEY=value lines and KUBECONFIG= once everything is up
              --help               this text
            """;

    static SandboxOptions parse(String[] args) {
        boolean keep = false;
        boolean samples = true;
        int labs = 1;
        String profile = "realistic";
        double timeScale = 0.05;
        double faults = 0;
        double afterCommit = 0.5;
        Path kubeconfig = Path.of("target", "sandbox", "kubeconfig");
        Path envFile = null;
        String apiServer = IN_PROCESS;
        boolean help = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--keep" -> keep = true;
                case "--no-samples" -> samples = false;
                case "--labs" -> labs = positive(arg, value(arg, rest));
                case "--profile" -> profile = profile(value(arg, rest));
                case "--time-scale" -> timeScale = number(arg, value(arg, rest));
                case "--faults" -> faults = number(arg, value(arg, rest));
                case "--after-commit" -> afterCommit = number(arg, value(arg, rest));
                case "--kubeconfig" -> kubeconfig = Path.of(value(arg, rest));
                case "--env-file" -> envFile = Path.of(value(arg, rest));
                case "--api-server" -> apiServer = apiServer(value(arg, rest));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (timeScale <= 0) {
            throw new IllegalArgumentException("--time-scale must be > 0");
        }
        if (faults < 0 || faults >= 1) {
            throw new IllegalArgumentException("--faults must be in [0, 1)");
        }
        if (afterCommit < 0 || afterCommit > 1) {
            throw new IllegalArgumentException("--after-commit must be in [0, 1]");
        }
        return new SandboxOptions(keep, samples, labs, profile, timeScale, faults, afterCommit, kubeconfig, envFile, apiServer,
                help);
    }

    boolean realApiServer() {
        return REAL.equals(apiServer);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got " + value);
        }
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got " + value);
        }
    }

    private static String apiServer(String value) {
        String mode = value.toLowerCase(Locale.ROOT);
        if (!mode.equals(IN_PROCESS) && !mode.equals(REAL)) {
            throw new IllegalArgumentException("--api-server is in-process or real, got " + value);
        }
        return mode;
    }

    private static String profile(String value) {
        String profile = value.toLowerCase(Locale.ROOT);
        if (!profile.equals("realistic") && !profile.equals("instant")) {
            throw new IllegalArgumentException("--profile is realistic or instant, got " + value);
        }
        return profile;
    }
}
