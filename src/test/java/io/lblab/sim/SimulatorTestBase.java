package io.lblab.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One instant-profile simulator per test class, emptied before each test. */
abstract class SimulatorTestBase {
    static ArmSimulator sim;
    static SimClients clients;

    @BeforeAll
    static void startSimulator() {
        sim = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling());
        clients = new SimClients(sim.info());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void emptySubscription() {
        sim.admin().reset();
    }

    Lab lab(String rg) {
        return new Lab(clients, sim.info(), rg);
    }
}
