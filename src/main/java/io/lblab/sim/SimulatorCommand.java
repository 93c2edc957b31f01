package io.lblab.sim;

/** Placeholder until the simulator lands: {@code simulator [--port N] ...}. */
public final class SimulatorCommand {
    private SimulatorCommand() {
    }

    public static int run(String[] args) {
        System.err.println("simulator: not implemented yet");
        return 2;
    }
}
