package io.lblab.reconciler;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory state of every lab this operator instance reconciles, by the lab's uid. */
@ApplicationScoped
public class LabStates {

    private final Map<String, LabState> states = new ConcurrentHashMap<>();

    LabState of(String uid) {
        return states.computeIfAbsent(uid, u -> new LabState());
    }

    /** Drops everything, as a restart of the operator would; running polls are cancelled, Azure's operations go on. */
    void forgetAll() {
        states.keySet().forEach(this::forget);
    }

    void forget(String uid) {
        LabState state = states.remove(uid);
        if (state != null) {
            state.cancelOperations("");
        }
    }
}
