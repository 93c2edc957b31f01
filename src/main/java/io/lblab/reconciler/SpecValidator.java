package io.lblab.reconciler;

import io.lblab.api.BackendsSpec;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.LoadBalancerSpec;
import io.lblab.api.Mode;
import io.lblab.api.NetworkSpec;
import io.lblab.api.Patterns;
import io.lblab.api.ProbeProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CRD's schema and CEL rules, enforced again by the operator (a cluster may lack the schema, or an object may
 * have been written around it), plus the address checks Azure would make. Each message names the field.
 */
public final class SpecValidator {

    private static final Pattern CIDR = Pattern.compile(Patterns.IPV4_CIDR);
    private static final Pattern LOCATION = Pattern.compile(Patterns.LOCATION);
    private static final Pattern RESOURCE_GROUP = Pattern.compile(Patterns.RESOURCE_GROUP);
    private static final Pattern VM_SIZE = Pattern.compile(Patterns.VM_SIZE);
    private static final Pattern ADMIN = Pattern.compile(Patterns.ADMIN_USERNAME);
    private static final Pattern IMAGE = Pattern.compile(Patterns.IMAGE_PART);
    private static final Pattern NSG_SOURCE = Pattern.compile(Patterns.NSG_SOURCE);
    private static final Pattern PROBE_PATH = Pattern.compile(Patterns.PROBE_PATH);
    private static final Pattern SECRET_NAME = Pattern.compile(Patterns.DNS_SUBDOMAIN);
    private static final int SMALLEST_BASTION_PREFIX = 26;

    private SpecValidator() {
    }

    private static final Pattern CONFIG_MAP_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");

    private static void validateExports(List<String> problems, io.lblab.api.ExportsSpec exports) {
        String configMap = exports.configMapName();
        if (configMap == null || configMap.isEmpty()) {
            problems.add("spec.exports.configMapName is required");
        } else if (configMap.length() > 253 || !CONFIG_MAP_NAME.matcher(configMap).matches()) {
            problems.add(io.lblab.api.ExportsSpec.CONFIG_MAP_NAME_MESSAGE);
        }
        if (exports.service() != null) {
            String name = exports.service().name();
            if (name == null || name.isEmpty()) {
                problems.add("spec.exports.service.name is required");
            } else if (name.length() > 63 || !SERVICE_NAME.matcher(name).matches()) {
                problems.add(io.lblab.api.ServiceExportSpec.NAME_MESSAGE);
            }
            if (exports.service().port() != null) {
                range(problems, "spec.exports.service.port", exports.service().port(), 1, 65535);
            }
        }
    }

    /** Every problem found, each naming its field; empty when the spec is valid. */
    public static List<String> validate(LoadBalancerLabSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        if (spec.mode() == null) {
            problems.add("spec.mode is required (Public or Internal)");
            return problems;
        }
        matches(problems, "spec.location", spec.location(), LOCATION);
        matches(problems, "spec.resourceGroupName", spec.resourceGroupName(), RESOURCE_GROUP);
        if (spec.credentialsSecretRef() != null) {
            matches(problems, "spec.credentialsSecretRef.name", spec.credentialsSecretRef().name(), SECRET_NAME);
        }
        validateNetwork(problems, spec.network(), spec.bastion().enabled());
        validateBackends(problems, spec.backends());
        validateLoadBalancer(problems, spec.mode(), spec.loadBalancer());
        range(problems, "spec.firewall.port", spec.firewall().port(), 1, 65535);
        matches(problems, "spec.firewall.sourceAddressPrefix", spec.firewall().sourceAddressPrefix(), NSG_SOURCE);
        if (spec.exports() != null) {
            validateExports(problems, spec.exports());
        }
        if (spec.mode() != Mode.Internal && spec.testVm() != null) {
            problems.add("spec.testVm is only allowed in Internal mode");
        }
        // Azure tag names are case-insensitive, so LBLAB.IO/owner-uid would collide with the operator's own tag
        spec.tags().keySet().stream().filter(k -> k.regionMatches(true, 0, "lblab.io/", 0, 9)).findFirst()
                .ifPresent(k -> problems.add("spec.tags may not use the reserved prefix lblab.io/ (" + k + ")"));
        if (spec.tags().size() > 40) {
            problems.add("spec.tags allows at most 40 tags");
        }
        return problems;
    }

    private static void validateNetwork(List<String> problems, NetworkSpec network, boolean bastion) {
        int before = problems.size();
        matches(problems, "spec.network.addressSpace", network.addressSpace(), CIDR);
        matches(problems, "spec.network.backendSubnet", network.backendSubnet(), CIDR);
        if (bastion) {
            matches(problems, "spec.network.bastionSubnet", network.bastionSubnet(), CIDR);
        }
        if (problems.size() > before) {
            return;
        }
        Ipv4Prefix space = Ipv4Prefix.parse(network.addressSpace());
        Ipv4Prefix backend = Ipv4Prefix.parse(network.backendSubnet());
        if (!space.contains(backend)) {
            problems.add("spec.network.backendSubnet " + network.backendSubnet() + " is outside spec.network.addressSpace " + network.addressSpace());
        }
        if (bastion) {
            Ipv4Prefix bastionSubnet = Ipv4Prefix.parse(network.bastionSubnet());
            if (!space.contains(bastionSubnet)) {
                problems.add("spec.network.bastionSubnet " + network.bastionSubnet() + " is outside spec.network.addressSpace " + network.addressSpace());
            }
            if (bastionSubnet.overlaps(backend)) {
                problems.add("spec.network.bastionSubnet " + network.bastionSubnet() + " overlaps spec.network.backendSubnet " + network.backendSubnet());
            }
            if (bastionSubnet.length() > SMALLEST_BASTION_PREFIX) {
                problems.add("spec.network.bastionSubnet must be /26 or larger for Azure Bastion, got " + network.bastionSubnet());
            }
        }
    }

    private static void validateBackends(List<String> problems, BackendsSpec backends) {
        range(problems, "spec.backends.count", backends.count(), 1, 10);
        matches(problems, "spec.backends.vmSize", backends.vmSize(), VM_SIZE);
        matches(problems, "spec.backends.adminUsername", backends.adminUsername(), ADMIN);
        matches(problems, "spec.backends.image.publisher", backends.image().publisher(), IMAGE);
        matches(problems, "spec.backends.image.offer", backends.image().offer(), IMAGE);
        matches(problems, "spec.backends.image.sku", backends.image().sku(), IMAGE);
        matches(problems, "spec.backends.image.version", backends.image().version(), IMAGE);
        if (backends.adminPasswordSecretRef() != null) {
            matches(problems, "spec.backends.adminPasswordSecretRef.name", backends.adminPasswordSecretRef().name(), SECRET_NAME);
        }
    }

    private static void validateLoadBalancer(List<String> problems, Mode mode, LoadBalancerSpec lb) {
        range(problems, "spec.loadBalancer.frontendPort", lb.frontendPort(), 1, 65535);
        range(problems, "spec.loadBalancer.backendPort", lb.backendPort(), 1, 65535);
        range(problems, "spec.loadBalancer.idleTimeoutMinutes", lb.idleTimeoutMinutes(), 4, 30);
        range(problems, "spec.loadBalancer.probe.port", lb.probe().port(), 1, 65535);
        if (lb.probe().protocol() == ProbeProtocol.Tcp) {
            if (lb.probe().requestPath() != null) {
                problems.add("spec.loadBalancer.probe.requestPath is only allowed for Http and Https probes");
            }
        } else if (lb.probe().requestPath() == null) {
            problems.add("spec.loadBalancer.probe.requestPath is required for " + lb.probe().protocol() + " probes");
        } else {
            matches(problems, "spec.loadBalancer.probe.requestPath", lb.probe().requestPath(), PROBE_PATH);
        }
        if (lb.outbound() != null) {
            if (mode != Mode.Public) {
                problems.add("spec.loadBalancer.outbound is only allowed in Public mode");
            }
            range(problems, "spec.loadBalancer.outbound.allocatedOutboundPorts", lb.outbound().allocatedOutboundPorts(), 0, 64000);
            if (lb.outbound().allocatedOutboundPorts() % 8 != 0) {
                problems.add("spec.loadBalancer.outbound.allocatedOutboundPorts must be a multiple of 8");
            }
            range(problems, "spec.loadBalancer.outbound.idleTimeoutMinutes", lb.outbound().idleTimeoutMinutes(), 4, 120);
        }
    }

    private static void matches(List<String> problems, String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            problems.add(field + " '" + value + "' is invalid (must match " + pattern.pattern() + ")");
        }
    }

    private static void range(List<String> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max + ", got " + value);
        }
    }

}
