package io.lblab.sandbox;

/** Placeholder until the sandbox lands. */
public final class SandboxCommand {
    private SandboxCommand() {
    }

    public static int run(String[] args) {
        System.err.println("sandbox: not implemented yet");
        return 2;
    }
}
