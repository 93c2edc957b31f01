package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Desired state of one lab. Leaf defaults reproduce the sample ({@code shared/seed/PARAMETERS.md}) and are
 * applied on deserialisation too, so the operator behaves the same on a cluster that did not default them.
 * Mode-dependent parts ({@code loadBalancer.outbound}, {@code testVm}) stay null when absent.
 */
@ValidationRule(value = "self.mode == oldSelf.mode", message = "spec.mode is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "(has(self.location) ? self.location : 'eastus') == (has(oldSelf.location) ? oldSelf.location : 'eastus')",
        message = "spec.location is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "(has(self.resourceGroupName) ? self.resourceGroupName : '') == (has(oldSelf.resourceGroupName) ? oldSelf.resourceGroupName : '')",
        message = "spec.resourceGroupName is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = LoadBalancerLabSpec.IMAGE_UNCHANGED, message = LoadBalancerLabSpec.IMAGE_IMMUTABLE, reason = "FieldValueForbidden")
@ValidationRule(value = "self.mode == 'Public' || !has(self.loadBalancer) || !has(self.loadBalancer.outbound)",
        message = "spec.loadBalancer.outbound is only allowed in Public mode", reason = "FieldValueForbidden")
@ValidationRule(value = "self.mode == 'Internal' || !has(self.testVm)",
        message = "spec.testVm is only allowed in Internal mode", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.tags) || self.tags.all(k, !k.startsWith('lblab.io/'))",
        message = "spec.tags may not use the reserved prefix lblab.io/", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.tags) || self.tags.size() <= 40",
        message = "spec.tags allows at most 40 tags (Azure allows 50; the operator adds its own)", reason = "FieldValueInvalid")
public record LoadBalancerLabSpec(
        @Required
        @JsonPropertyDescription("Public or Internal load balancer. Immutable.")
        Mode mode,
        @Default(LOCATION) @Pattern(Patterns.LOCATION)
        @JsonPropertyDescription("Azure region of every resource, e.g. eastus. Immutable.")
        String location,
        @Pattern(Patterns.RESOURCE_GROUP)
        @JsonPropertyDescription("Resource group the lab creates and owns; default lblab-<namespace>-<name>. Immutable.")
        String resourceGroupName,
        @JsonPropertyDescription("Secret with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_SUBSCRIPTION_ID; default: the operator's own credential.")
        SecretReference credentialsSecretRef,
        @JsonPropertyDescription("Address plan of myVNet and its subnets.")
        NetworkSpec network,
        @JsonPropertyDescription("Bastion host.")
        BastionSpec bastion,
        @JsonPropertyDescription("Backend VMs and their NICs.")
        BackendsSpec backends,
        @JsonPropertyDescription("Load balancer frontend, rule, probe and outbound rule.")
        LoadBalancerSpec loadBalancer,
        @JsonPropertyDescription("Network security group rule for inbound traffic.")
        FirewallSpec firewall,
        @JsonPropertyDescription("Test NIC and VM; Internal mode only.")
        TestVmSpec testVm,
        @JsonPropertyDescription("Tags put on the resource group and every resource in it.")
        Map<String, String> tags,
        @Default("Delete")
        @JsonPropertyDescription("Delete: deleting the lab deletes its resource group (only if the lab created it). Orphan: leave Azure untouched.")
        DeletionPolicy deletionPolicy,
        @JsonPropertyDescription("Outputs for other apps: a ConfigMap with the lab's addresses and optionally a Service reaching its frontend.")
        ExportsSpec exports) {

    public static final String LOCATION = "eastus";

    /** A spec without exports. */
    public LoadBalancerLabSpec(Mode mode, String location, String resourceGroupName, SecretReference credentialsSecretRef,
                               NetworkSpec network, BastionSpec bastion, BackendsSpec backends, LoadBalancerSpec loadBalancer,
                               FirewallSpec firewall, TestVmSpec testVm, Map<String, String> tags, DeletionPolicy deletionPolicy) {
        this(mode, location, resourceGroupName, credentialsSecretRef, network, bastion, backends, loadBalancer, firewall, testVm, tags,
                deletionPolicy, null);
    }

    /** This spec with other exports. */
    public LoadBalancerLabSpec withExports(ExportsSpec newExports) {
        return new LoadBalancerLabSpec(mode, location, resourceGroupName, credentialsSecretRef, network, bastion, backends, loadBalancer,
                firewall, testVm, tags, deletionPolicy, newExports);
    }

    /**
     * On update, every part of the VMs' image equals the old one, an absent part (or absent {@code backends},
     * {@code image}) counting as its default, as the operator reads it: Azure cannot change a VM's image in place.
     */
    static final String IMAGE_UNCHANGED =
            "(has(self.backends) && has(self.backends.image) && has(self.backends.image.publisher) ? self.backends.image.publisher : '" + ImageSpec.PUBLISHER + "')"
            + " == (has(oldSelf.backends) && has(oldSelf.backends.image) && has(oldSelf.backends.image.publisher) ? oldSelf.backends.image.publisher : '" + ImageSpec.PUBLISHER + "')"
            + " && (has(self.backends) && has(self.backends.image) && has(self.backends.image.offer) ? self.backends.image.offer : '" + ImageSpec.OFFER + "')"
            + " == (has(oldSelf.backends) && has(oldSelf.backends.image) && has(oldSelf.backends.image.offer) ? oldSelf.backends.image.offer : '" + ImageSpec.OFFER + "')"
            + " && (has(self.backends) && has(self.backends.image) && has(self.backends.image.sku) ? self.backends.image.sku : '" + ImageSpec.SKU + "')"
            + " == (has(oldSelf.backends) && has(oldSelf.backends.image) && has(oldSelf.backends.image.sku) ? oldSelf.backends.image.sku : '" + ImageSpec.SKU + "')"
            + " && (has(self.backends) && has(self.backends.image) && has(self.backends.image.version) ? self.backends.image.version : '" + ImageSpec.VERSION + "')"
            + " == (has(oldSelf.backends) && has(oldSelf.backends.image) && has(oldSelf.backends.image.version) ? oldSelf.backends.image.version : '" + ImageSpec.VERSION + "')";
    static final String IMAGE_IMMUTABLE = "spec.backends.image is immutable: Azure cannot change the image of an existing VM;"
            + " delete the lab and create it again to use another image";

    public LoadBalancerLabSpec {
        location = location == null ? LOCATION : location;
        resourceGroupName = resourceGroupName == null ? "" : resourceGroupName;
        network = network == null ? NetworkSpec.defaults() : network;
        bastion = bastion == null ? BastionSpec.defaults() : bastion;
        backends = backends == null ? BackendsSpec.defaults() : backends;
        loadBalancer = loadBalancer == null ? LoadBalancerSpec.defaults() : loadBalancer;
        firewall = firewall == null ? FirewallSpec.defaults() : firewall;
        tags = tags == null ? Map.of() : withoutNullValues(tags);
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy;
    }

    private static Map<String, String> withoutNullValues(Map<String, String> tags) {
        Map<String, String> copy = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A spec of the given mode with every other field at its default. */
    public static LoadBalancerLabSpec of(Mode mode) {
        return new LoadBalancerLabSpec(mode, null, null, null, null, null, null, null, null, null, null, null);
    }
}
