package io.lblab.sim.server;

import io.lblab.sim.SimulatorOptions;
import io.lblab.sim.admin.AdminEndpoints;
import io.lblab.sim.admin.AdminService;
import io.lblab.sim.admin.StatsRecorder;
import io.lblab.sim.auth.AuthEndpoints;
import io.lblab.sim.auth.TokenService;
import io.lblab.sim.faults.FaultInjector;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.lro.OperationTimings;
import io.lblab.sim.net.PublicIpPool;
import io.lblab.sim.resources.CascadeDelete;
import io.lblab.sim.resources.ChildResourceService;
import io.lblab.sim.resources.HandlerRegistry;
import io.lblab.sim.resources.OperationEndpoints;
import io.lblab.sim.resources.PutPipeline;
import io.lblab.sim.resources.ResourceGroupService;
import io.lblab.sim.resources.ResourceService;
import io.lblab.sim.resources.ResourceWriter;
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.resources.SubscriptionEndpoints;
import io.lblab.sim.resources.compute.DiskHandler;
import io.lblab.sim.resources.compute.VirtualMachineHandler;
import io.lblab.sim.resources.network.BastionHostHandler;
import io.lblab.sim.resources.network.LoadBalancerHandler;
import io.lblab.sim.resources.network.NetworkInterfaceHandler;
import io.lblab.sim.resources.network.NetworkSecurityGroupHandler;
import io.lblab.sim.resources.network.PublicIpAddressHandler;
import io.lblab.sim.resources.network.VirtualNetworkHandler;
import io.lblab.sim.store.ReferenceIndex;
import io.lblab.sim.store.ResourceStore;
import io.lblab.sim.throttle.Throttlers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wires the simulator's parts together and owns the running server. */
public final class SimulatorRuntime implements AutoCloseable {
    /** The credentials and subscriptions this instance serves (the one principal has a role on each). */
    public record Identity(String tenantId, String clientId, String clientSecret, List<String> subscriptionIds) {
        public Identity {
            subscriptionIds = List.copyOf(subscriptionIds);
            if (subscriptionIds.isEmpty()) {
                throw new IllegalArgumentException("no subscription");
            }
        }
    }

    private final Vertx vertx;
    private final SimHttpServer server;
    private final TlsMaterial tls;
    private final AdminService admin;

    private SimulatorRuntime(Vertx vertx, SimHttpServer server, TlsMaterial tls, AdminService admin) {
        this.vertx = vertx;
        this.server = server;
        this.tls = tls;
        this.admin = admin;
    }

    public static SimulatorRuntime start(SimulatorOptions options, Identity id) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, cores)).setWorkerPoolSize(2));
        try {
            ResourceStore store = new ResourceStore();
            ReferenceIndex index = new ReferenceIndex();
            PublicIpPool publicIps = new PublicIpPool();
            HandlerRegistry registry = new HandlerRegistry();
            registry.register(new VirtualNetworkHandler());
            registry.register(new PublicIpAddressHandler(publicIps));
            registry.register(new NetworkSecurityGroupHandler());
            registry.register(new NetworkInterfaceHandler());
            registry.register(new LoadBalancerHandler());
            registry.register(new BastionHostHandler());
            registry.register(new VirtualMachineHandler());
            registry.register(new DiskHandler());
            ResourceWriter writer = new ResourceWriter(store, index, registry);
            OperationTimings timings = new OperationTimings(options.profile(), options.timeScale(),
                    options.durationOverrides());
            OperationEngine engine = new OperationEngine(store, (millis, task) -> vertx.setTimer(millis,
                    t -> task.run()), timings);
            FaultInjector faults = new FaultInjector(options.seed());
            SimContext sim = new SimContext(store, index, registry, writer, engine, faults);

            PutPipeline pipeline = new PutPipeline(sim);
            ResourceService resources = new ResourceService(sim, pipeline);
            SubscriptionEndpoints subscriptions = new SubscriptionEndpoints(id.subscriptionIds(), id.tenantId());
            ArmRouter router = new ArmRouter(subscriptions,
                    new ResourceGroupService(sim, new CascadeDelete(sim)), resources,
                    new ChildResourceService(sim, resources, pipeline), new OperationEndpoints(sim));
            TokenService tokens = new TokenService();
            StatsRecorder stats = new StatsRecorder();
            Throttlers throttlers = new Throttlers(id.subscriptionIds(), options.throttling(), options.timeScale());
            ArmDispatcher dispatcher = new ArmDispatcher(subscriptions, id.tenantId(), tokens, throttlers, faults,
                    stats, registry, router, engine);
            AdminService admin = new AdminService(sim, stats, throttlers, publicIps, options.seed());
            FrontController front = new FrontController(new AdminEndpoints(admin),
                    new AuthEndpoints(id.tenantId(), id.clientId(), id.clientSecret(), tokens), dispatcher);
            TlsMaterial tls = TlsMaterial.generate();
            SimHttpServer server = SimHttpServer.start(vertx, tls, options.port(), cores, front);
            return new SimulatorRuntime(vertx, server, tls, admin);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public TlsMaterial tls() {
        return tls;
    }

    public AdminService admin() {
        return admin;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
