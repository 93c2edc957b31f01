package io.lblab.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.lblab.api.BackendStatus;
import io.lblab.api.ExportsSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.ServiceExportSpec;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code spec.exports}: the lab's addresses for other apps. A ConfigMap ({@code frontendIP}, {@code outboundIP},
 * {@code resourceGroup}, {@code backendIPs} and one {@code backend.<vm>} key per backend) and, optionally, a Service
 * without selector plus an EndpointSlice with the frontend IP and port, so pods reach the lab as
 * {@code http://<service>.<namespace>.svc}. All three are owned by the lab (garbage-collected with it), labelled
 * {@code app.kubernetes.io/managed-by=lblab-operator}, watched by informers (a deleted or edited one is written again
 * at once) and written only when they differ from the lab's status. An object of that name the lab does not own is
 * never touched.
 */
@ApplicationScoped
public class LabExports {

    private static final Logger LOG = Logger.getLogger(LabExports.class);
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "lblab-operator";
    static final String LAB_LABEL = "lblab.io/lab";
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String SLICE_MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    /** A label value (no slash); anything but endpointslice-controller.k8s.io keeps Kubernetes' controller off the slice. */
    static final String SLICE_MANAGED_BY = "lblab-operator";
    static final String PORT_NAME = "http";

    private final KubernetesClient kubernetes;
    private final LabEvents events;
    /** The last failure reported per lab (uid), so a failure that repeats is reported once. */
    private final Map<String, String> failing = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile InformerEventSource<ConfigMap, LoadBalancerLab> configMaps;
    private volatile InformerEventSource<Service, LoadBalancerLab> services;
    private volatile InformerEventSource<EndpointSlice, LoadBalancerLab> slices;

    public LabExports(KubernetesClient kubernetes, LabEvents events) {
        this.kubernetes = kubernetes;
        this.events = events;
    }

    List<EventSource<?, LoadBalancerLab>> eventSources(EventSourceContext<LoadBalancerLab> context) {
        configMaps = new InformerEventSource<>(informer(ConfigMap.class, "export-configmaps"), context);
        services = new InformerEventSource<>(informer(Service.class, "export-services"), context);
        slices = new InformerEventSource<>(informer(EndpointSlice.class, "export-endpointslices"), context);
        return List.of(configMaps, services, slices);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration<R> informer(Class<R> type, String name) {
        return InformerEventSourceConfiguration.from(type, LoadBalancerLab.class)
                .withName(name)
                .withLabelSelector(MANAGED_BY_LABEL + "=" + MANAGED_BY)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(LoadBalancerLab.class, false))
                .build();
    }

    /** The ConfigMap's data for a status. */
    static Map<String, String> data(LoadBalancerLabStatus status) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("frontendIP", Objects.toString(status.frontendIP(), ""));
        data.put("outboundIP", Objects.toString(status.outboundIP(), ""));
        data.put("resourceGroup", Objects.toString(status.resourceGroup(), ""));
        data.put("backendIPs", status.backends().stream().map(BackendStatus::privateIP).filter(Objects::nonNull)
                .collect(Collectors.joining(",")));
        for (BackendStatus backend : status.backends()) {
            data.put("backend." + backend.name(), Objects.toString(backend.privateIP(), ""));
        }
        return data;
    }

    /** Brings the exported objects in line with the status about to be written; failures are reported, not thrown. */
    void apply(LoadBalancerLab lab, LoadBalancerLabStatus status) {
        ExportsSpec exports = lab.getSpec() == null ? null : lab.getSpec().exports();
        if (lab.isMarkedForDeletion()) {
            failing.remove(lab.getMetadata().getUid());
            return;
        }
        if (exports == null || status == null || configMaps == null) {
            return;
        }
        try {
            exportConfigMap(lab, exports.configMapName(), data(status));
            if (exports.service() != null) {
                exportService(lab, exports.service(), status.frontendIP());
            }
            failing.remove(lab.getMetadata().getUid());
        } catch (KubernetesClientException e) {
            String message = "writing spec.exports failed: HTTP " + e.getCode() + " " + summary(e);
            if (!message.equals(failing.put(lab.getMetadata().getUid(), message))) {
                LOG.warnf("%s/%s: %s", lab.getMetadata().getNamespace(), lab.getMetadata().getName(), e.getMessage());
                events.warning(lab, "ExportFailed", message);
            }
        }
    }

    private void exportConfigMap(LoadBalancerLab lab, String name, Map<String, String> data) {
        ConfigMap current = configMaps.get(new ResourceID(name, lab.getMetadata().getNamespace())).orElse(null);
        if (current != null && !ownedBy(current, lab)) {
            return;
        }
        if (current != null && data.equals(current.getData())) {
            return;
        }
        ConfigMap desired = new ConfigMapBuilder().withMetadata(metadata(lab, name, current, Map.of())).withData(data).build();
        write(lab, desired, current == null, "ConfigMap " + name + ": frontendIP=" + data.get("frontendIP")
                + " outboundIP=" + data.get("outboundIP") + " backendIPs=" + data.get("backendIPs"));
    }

    private void exportService(LoadBalancerLab lab, ServiceExportSpec spec, String frontendIp) {
        String namespace = lab.getMetadata().getNamespace();
        int frontendPort = lab.getSpec().loadBalancer().frontendPort();
        int port = spec.port() == null ? frontendPort : spec.port();
        Service service = services.get(new ResourceID(spec.name(), namespace)).orElse(null);
        if (service == null || ownedBy(service, lab)) {
            ServicePort wanted = new ServicePortBuilder().withName(PORT_NAME).withProtocol("TCP").withPort(port)
                    .withNewTargetPort(frontendPort).build();
            boolean same = service != null && service.getSpec() != null
                    && (service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty())
                    && service.getSpec().getPorts() != null && service.getSpec().getPorts().size() == 1
                    && samePort(service.getSpec().getPorts().get(0), wanted);
            if (!same) {
                Service desired = service == null
                        ? new ServiceBuilder().withMetadata(metadata(lab, spec.name(), null, Map.of()))
                                .withNewSpec().withType("ClusterIP").withPorts(wanted).endSpec().build()
                        : new ServiceBuilder(service).editSpec().withSelector(null).withPorts(wanted).endSpec().build();
                write(lab, desired, service == null, "Service " + spec.name() + " port " + port + " -> " + frontendPort);
            }
        }
        EndpointSlice slice = slices.get(new ResourceID(spec.name(), namespace)).orElse(null);
        if (slice != null && !ownedBy(slice, lab)) {
            return;
        }
        EndpointSlice desired = new EndpointSliceBuilder()
                .withMetadata(metadata(lab, spec.name(), slice, Map.of(SERVICE_NAME_LABEL, spec.name(), SLICE_MANAGED_BY_LABEL, SLICE_MANAGED_BY)))
                .withAddressType("IPv4")
                .withEndpoints(frontendIp == null ? List.of() : List.of(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder()
                        .withAddresses(frontendIp).withNewConditions().withReady(true).endConditions().build()))
                .withPorts(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder()
                        .withName(PORT_NAME).withProtocol("TCP").withPort(frontendPort).build())
                .build();
        if (slice != null && sliceTarget(slice).equals(sliceTarget(desired))) {
            return;
        }
        write(lab, desired, slice == null, "EndpointSlice " + spec.name() + ": " + (frontendIp == null ? "no address yet" : frontendIp + ":" + frontendPort));
    }

    /** What matters of a slice, as the API server may add defaults: its addresses and ports. */
    private static List<String> sliceTarget(EndpointSlice slice) {
        List<String> target = new java.util.ArrayList<>();
        target.add(slice.getAddressType());
        if (slice.getEndpoints() != null) {
            slice.getEndpoints().forEach(e -> target.add(String.valueOf(e.getAddresses())));
        }
        if (slice.getPorts() != null) {
            slice.getPorts().forEach(p -> target.add(p.getName() + ":" + p.getPort() + "/" + p.getProtocol()));
        }
        return target;
    }

    private static boolean samePort(ServicePort a, ServicePort b) {
        return Objects.equals(a.getName(), b.getName()) && Objects.equals(a.getPort(), b.getPort())
                && Objects.equals(a.getProtocol(), b.getProtocol()) && Objects.equals(a.getTargetPort(), b.getTargetPort());
    }

    private void write(LoadBalancerLab lab, HasMetadata desired, boolean create, String what) {
        if (create) {
            try {
                kubernetes.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    // exists without the operator's label: someone else's, never touched
                    events.warning(lab, "ExportConflict", desired.getKind() + " " + desired.getMetadata().getName()
                            + " already exists and is not this lab's; it is left untouched");
                    return;
                }
                throw e;
            }
        } else {
            kubernetes.resource(desired).update();
        }
        events.normal(lab, "Exported", what);
    }

    /** Labels, the lab as controlling owner, and the cached copy's resourceVersion (an update is optimistic). */
    private static ObjectMeta metadata(LoadBalancerLab lab, String name, HasMetadata current, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (current != null && current.getMetadata().getLabels() != null) {
            labels.putAll(current.getMetadata().getLabels());
        }
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(LAB_LABEL, lab.getMetadata().getName());
        labels.putAll(extraLabels);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(lab.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(owner(lab))
                .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
                .build();
    }

    static OwnerReference owner(LoadBalancerLab lab) {
        return new OwnerReferenceBuilder()
                .withApiVersion(lab.getApiVersion())
                .withKind(lab.getKind())
                .withName(lab.getMetadata().getName())
                .withUid(lab.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(false)
                .build();
    }

    private static boolean ownedBy(HasMetadata object, LoadBalancerLab lab) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> lab.getMetadata().getUid().equals(o.getUid()));
    }

    /** The API server's own message (not fabric8's request dump), at most 300 characters. */
    private static String summary(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
