package io.lblab.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Leader election for the Deployment (quarkus-operator-sdk activates it in the prod profile only): one replica
 * reconciles, the others wait on the Lease {@code lblab-operator} in the operator's namespace. Each replica holds it
 * under its pod's name ({@code POD_NAME}); JOSDK's fallback, {@code HOSTNAME}, is the same for two processes on one
 * machine, which would make both of them leader. A shard ({@code lblab.operator.shard}) has its own Lease,
 * {@code lblab-operator-<shard>}.
 */
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "lblab.leader-election.lease-name", defaultValue = "lblab-operator") String leaseName,
            @ConfigProperty(name = "lblab.leader-election.namespace") Optional<String> namespace,
            @ConfigProperty(name = "lblab.leader-election.identity") Optional<String> identity,
            @ConfigProperty(name = "lblab.operator.shard") Optional<String> shard) {
        return new LeaderElectionConfiguration(new Shard(shard).leaseName(leaseName), namespace.filter(n -> !n.isBlank()).orElse(null),
                identity.filter(i -> !i.isBlank()).orElse(null));
    }
}
