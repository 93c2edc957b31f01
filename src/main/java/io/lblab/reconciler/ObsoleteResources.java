package io.lblab.reconciler;

import io.lblab.azure.ListedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.LabNames;
import io.lblab.blueprint.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resources of the lab that the spec no longer wants (a lower backend count, Bastion or outbound or the test VM
 * switched off), found by the sample's names in the listing. Only names the operator itself gives are
 * considered, so nothing a user added to the group is ever deleted.
 */
final class ObsoleteResources {

    private static final Pattern BACKEND_VM = Pattern.compile("myVM(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKEND_NIC = Pattern.compile("myNicVM(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKEND_OS_DISK = Pattern.compile("myVMosdisk(\\d+)", Pattern.CASE_INSENSITIVE);

    private ObsoleteResources() {
    }

    /** Obsolete resources in the order they can be deleted: VMs first, then what they held on to. */
    static List<ListedResource> find(Blueprint blueprint, List<ListedResource> listed) {
        List<ListedResource> obsolete = new ArrayList<>();
        for (ListedResource resource : listed) {
            ResourceKind kind = ResourceKind.fromArmType(resource.type());
            if (kind != null && blueprint.byId(resource.id()).isEmpty() && ours(kind, resource.name())
                    && !(kind == ResourceKind.DISK && diskOfDesiredVm(blueprint, resource.name()))) {
                obsolete.add(resource);
            }
        }
        obsolete.sort((a, b) -> Integer.compare(order(a), order(b)));
        return obsolete;
    }

    private static boolean ours(ResourceKind kind, String name) {
        return switch (kind) {
            case VIRTUAL_MACHINE -> BACKEND_VM.matcher(name).matches() || name.equalsIgnoreCase(LabNames.TEST_VM);
            case NETWORK_INTERFACE -> BACKEND_NIC.matcher(name).matches() || name.equalsIgnoreCase(LabNames.TEST_NIC);
            case DISK -> BACKEND_OS_DISK.matcher(name).matches() || name.equalsIgnoreCase(LabNames.TEST_VM_OS_DISK);
            case BASTION_HOST -> name.equalsIgnoreCase(LabNames.BASTION_HOST);
            case PUBLIC_IP_ADDRESS -> name.equalsIgnoreCase(LabNames.BASTION_IP) || name.equalsIgnoreCase(LabNames.OUTBOUND_PUBLIC_IP);
            default -> false;
        };
    }

    private static boolean diskOfDesiredVm(Blueprint blueprint, String diskName) {
        Matcher disk = BACKEND_OS_DISK.matcher(diskName);
        String vm = disk.matches() ? LabNames.backendVm(Integer.parseInt(disk.group(1))) : LabNames.TEST_VM;
        return blueprint.resources().stream().anyMatch(r -> r.kind() == ResourceKind.VIRTUAL_MACHINE && r.name().equalsIgnoreCase(vm));
    }

    private static int order(ListedResource resource) {
        ResourceKind kind = ResourceKind.fromArmType(resource.type());
        return switch (kind) {
            case VIRTUAL_MACHINE, BASTION_HOST -> 0;
            case NETWORK_INTERFACE, DISK -> 1;
            default -> 2;
        };
    }

    /** Whether deleting this must wait for another obsolete resource to go first (a NIC for its VM, an IP for Bastion). */
    static boolean waitsFor(ListedResource resource, List<ListedResource> obsolete) {
        ResourceKind kind = ResourceKind.fromArmType(resource.type());
        return switch (kind) {
            case NETWORK_INTERFACE, DISK -> obsolete.stream().anyMatch(o -> ResourceKind.fromArmType(o.type()) == ResourceKind.VIRTUAL_MACHINE
                    && sameIndex(o.name(), resource.name()));
            case PUBLIC_IP_ADDRESS -> obsolete.stream().anyMatch(o -> ResourceKind.fromArmType(o.type()) == ResourceKind.BASTION_HOST);
            default -> false;
        };
    }

    private static boolean sameIndex(String vmName, String otherName) {
        if (vmName.equalsIgnoreCase(LabNames.TEST_VM)) {
            return otherName.equalsIgnoreCase(LabNames.TEST_NIC) || otherName.equalsIgnoreCase(LabNames.TEST_VM_OS_DISK);
        }
        Matcher vm = BACKEND_VM.matcher(vmName);
        if (!vm.matches()) {
            return false;
        }
        String index = vm.group(1);
        String lower = otherName.toLowerCase(Locale.ROOT);
        return lower.equals(("myNicVM" + index).toLowerCase(Locale.ROOT)) || lower.equals(("myVMosdisk" + index).toLowerCase(Locale.ROOT));
    }
}
