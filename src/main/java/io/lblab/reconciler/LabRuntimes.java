package io.lblab.reconciler;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory state of every lab this operator instance reconciles, by the lab's uid. */
@ApplicationScoped
public class LabRuntimes {

    private final Map<String, LabRuntime> runtimes = new ConcurrentHashMap<>();

    LabRuntime of(String uid) {
        return runtimes.computeIfAbsent(uid, u -> new LabRuntime());
    }

    /** Drops everything, as a restart of the operator would; running polls are cancelled, Azure's operations go on. */
    void forgetAll() {
        runtimes.keySet().forEach(this::forget);
    }

    void forget(String uid) {
        LabRuntime runtime = runtimes.remove(uid);
        if (runtime != null) {
            runtime.cancelOperations();
        }
    }
}
