package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The backend VMs {@code myVM1..N} with their NICs {@code myNicVM1..N}. */
public record BackendsSpec(
        @Default("3") @Min(1) @Max(10)
        @JsonPropertyDescription("Number of backend VMs (and NICs) in the load balancer's pool.")
        Integer count,
        @Default(VM_SIZE) @Pattern(Patterns.VM_SIZE)
        @JsonPropertyDescription("VM size of every backend (and of the Internal mode test VM).")
        String vmSize,
        @JsonPropertyDescription("Marketplace image of every VM. Immutable: Azure cannot change a VM's image; delete and recreate the lab.")
        ImageSpec image,
        @Default(ADMIN_USERNAME) @Pattern(Patterns.ADMIN_USERNAME)
        @JsonPropertyDescription("Administrator user name of every VM.")
        String adminUsername,
        @JsonPropertyDescription("Secret key holding the VMs' administrator password. When absent, the operator generates one into Secret <lab>-vm-admin.")
        SecretKeyReference adminPasswordSecretRef) {

    public static final int COUNT = 3;
    public static final String VM_SIZE = "Standard_D2_v2";
    public static final String ADMIN_USERNAME = "azureuser";

    public BackendsSpec {
        count = count == null ? COUNT : count;
        vmSize = vmSize == null ? VM_SIZE : vmSize;
        image = image == null ? ImageSpec.defaults() : image;
        adminUsername = adminUsername == null ? ADMIN_USERNAME : adminUsername;
    }

    public static BackendsSpec defaults() {
        return new BackendsSpec(null, null, null, null, null);
    }
}
