package io.lblab.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The sample's load-balancer lab, built in Azure by the operator. */
@Group(LoadBalancerLab.GROUP)
@Version(LoadBalancerLab.VERSION)
@Plural("loadbalancerlabs")
@ShortNames("lblab")
@Categories({"lblab", "azure"})
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frontend-IP", jsonPath = ".status.frontendIP", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// kubectl get lblab -o wide
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Outbound-IP", jsonPath = ".status.outboundIP", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Resource-Group", jsonPath = ".status.resourceGroup", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
public class LoadBalancerLab extends CustomResource<LoadBalancerLabSpec, LoadBalancerLabStatus> implements Namespaced {

    public static final String GROUP = "lblab.io";
    public static final String VERSION = "v1alpha1";

    @Override
    protected LoadBalancerLabSpec initSpec() {
        return null;
    }

    @Override
    protected LoadBalancerLabStatus initStatus() {
        return null;
    }
}
