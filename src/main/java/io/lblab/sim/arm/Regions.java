package io.lblab.sim.arm;

import java.util.Locale;
import java.util.Set;

/** Azure's public-cloud region names; display names ("East US") normalise to the short form. */
public final class Regions {
    private static final Set<String> NAMES = Set.of(
            "eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus", "southcentralus",
            "westcentralus", "canadacentral", "canadaeast", "brazilsouth", "brazilsoutheast", "mexicocentral",
            "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth", "germanywestcentral",
            "germanynorth", "norwayeast", "norwaywest", "switzerlandnorth", "switzerlandwest", "swedencentral",
            "swedensouth", "polandcentral", "italynorth", "spaincentral", "austriaeast", "belgiumcentral",
            "eastasia", "southeastasia", "japaneast", "japanwest", "koreacentral", "koreasouth", "centralindia",
            "southindia", "westindia", "jioindiawest", "jioindiacentral", "australiaeast", "australiasoutheast",
            "australiacentral", "australiacentral2", "newzealandnorth", "indonesiacentral", "malaysiawest",
            "uaenorth", "uaecentral", "qatarcentral", "israelcentral", "southafricanorth", "southafricawest",
            "chilecentral", "eastus2euap", "centraluseuap");

    private Regions() {
    }

    /** "East US" → "eastus". */
    public static String normalize(String location) {
        return location == null ? null : location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    public static boolean isKnown(String location) {
        return location != null && NAMES.contains(normalize(location));
    }

    public static String listing() {
        return String.join(",", new java.util.TreeSet<>(NAMES));
    }
}
