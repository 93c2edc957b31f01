package io.lblab.sim.server;

import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PfxOptions;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTPS transport: one Vert.x server per event loop sharing a port on 127.0.0.1. Requests are
 * answered on the event loop; nothing in the handlers blocks (a held answer waits on a timer).
 */
final class SimHttpServer {
    private static final Logger LOG = Logger.getLogger(SimHttpServer.class.getName());
    private final List<HttpServer> servers;
    private final int port;

    private SimHttpServer(List<HttpServer> servers, int port) {
        this.servers = servers;
        this.port = port;
    }

    static SimHttpServer start(Vertx vertx, TlsMaterial tls, int requestedPort, int instances,
                               FrontController front) {
        // one verticle per event loop; Vert.x shares a port between servers of different verticles
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        // a negative port asks Vert.x for one random port shared by every server using that value
        int bindPort = requestedPort == 0 ? -1 : requestedPort;
        await(vertx.deployVerticle(() -> new ServerVerticle(tls, bindPort, front, servers),
                new DeploymentOptions().setInstances(instances)));
        int port = servers.get(0).actualPort();
        for (HttpServer server : servers) {
            if (server.actualPort() != port) {
                throw new IllegalStateException("simulator servers bound to different ports");
            }
        }
        return new SimHttpServer(servers, port);
    }

    private static final class ServerVerticle extends AbstractVerticle {
        private final TlsMaterial tls;
        private final int port;
        private final FrontController front;
        private final List<HttpServer> servers;

        ServerVerticle(TlsMaterial tls, int port, FrontController front, List<HttpServer> servers) {
            this.tls = tls;
            this.port = port;
            this.front = front;
            this.servers = servers;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServerOptions options = new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setSsl(true)
                    .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(tls.pkcs12()))
                            .setPassword(new String(tls.password())))
                    .setTcpNoDelay(true)
                    .setHandle100ContinueAutomatically(true);
            vertx.createHttpServer(options).requestHandler(req -> handle(vertx, req, front)).listen()
                    .onSuccess(server -> {
                        servers.add(server);
                        started.complete();
                    })
                    .onFailure(started::fail);
        }
    }

    private static void handle(Vertx vertx, HttpServerRequest req, FrontController front) {
        req.body().onSuccess(buffer -> {
            try {
                ArmResponse response = front.handle(toArmRequest(req, buffer));
                if (response.holdMillis() > 0) {
                    // the answer comes late (or never, if the client gives up and closes the connection first)
                    vertx.setTimer(response.holdMillis(), t -> writeIfOpen(req, response));
                } else {
                    write(req, response);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulator failed to answer " + req.method() + " " + req.path(), e);
                if (!req.response().ended()) {
                    req.response().setStatusCode(500).end();
                }
            }
        }).onFailure(e -> req.response().setStatusCode(400).end());
    }

    private static ArmRequest toArmRequest(HttpServerRequest req, Buffer body) {
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        Map<String, String> query = new HashMap<>();
        req.params().forEach(e -> query.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        String host = headers.getOrDefault("host", "127.0.0.1:" + req.localAddress().port());
        return new ArmRequest(req.method().name(), decodePath(req.path()), query, headers,
                body.length() == 0 ? null : body.getBytes(), host);
    }

    private static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URI.create("https://h" + raw).getPath();
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static void writeIfOpen(HttpServerRequest req, ArmResponse response) {
        if (req.response().closed() || req.response().ended()) {
            return;
        }
        try {
            write(req, response);
        } catch (IllegalStateException e) {
            // the client closed the connection meanwhile
        }
    }

    private static void write(HttpServerRequest req, ArmResponse response) {
        if (response.isReset()) {
            req.connection().close();
            return;
        }
        HttpServerResponse out = req.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        byte[] body = response.body();
        if (body == null || "HEAD".equals(req.method().name())) {
            out.end();
        } else {
            out.putHeader("Content-Type", "application/json; charset=utf-8");
            out.end(Buffer.buffer(body));
        }
    }

    int port() {
        return port;
    }

    void close() {
        // undeploying (vertx.close) closes the servers
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("simulator server: " + e.getMessage(), e);
        }
    }
}
