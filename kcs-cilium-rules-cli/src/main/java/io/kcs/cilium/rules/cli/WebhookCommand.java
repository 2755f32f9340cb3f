package io.kcs.cilium.rules.cli;

import io.kcs.cilium.rules.fabric8.admission.CiliumPolicyAdmission;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kcs-cilium-rules webhook}: runs {@link WebhookServer}, a validating admission webhook that refuses Cilium
 * policies the agent would refuse, until SIGTERM (or SIGINT), then stops gracefully.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Serve a validating admission webhook (POST /validate) that refuses CiliumNetworkPolicies and"
                + " CiliumClusterwideNetworkPolicies the Cilium agent would refuse; GET /healthz, /readyz, /metrics.",
        footer = {"", "Examples:",
            "  kcs-cilium-rules webhook --port 8443 --tls-cert /tls/tls.crt \\",
            "      --tls-key /tls/tls.key --cilium-version 1.19",
            "  kcs-cilium-rules webhook --insecure-http --port 8080   # local tests only",
            "", "The certificate and key (PEM; PKCS#8, PKCS#1 RSA or SEC1 EC keys) are re-read",
            "when they change. SIGTERM stops accepting, answers /readyz with 503 and",
            "finishes the requests in flight.",
            "", "Exit codes: 0 stopped, 2 bad usage or unusable certificate/key, 3 cannot",
            "listen."})
final class WebhookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8443", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default"
            + " ${DEFAULT-VALUE}; an IP address, never resolved).")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain, leaf first.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of the leaf certificate.")
    Path tlsKey;

    @Option(names = "--insecure-http", description = "Serve plain HTTP (local tests only; the API server needs"
            + " HTTPS).")
    boolean insecureHttp;

    @Option(names = "--lints", description = "Also report the reader's lints as admission warnings.")
    boolean lints;

    @Option(names = "--deny-on-warnings", description = "Refuse policies with warnings too.")
    boolean denyOnWarnings;

    @Option(names = "--max-body-bytes", defaultValue = "4194304", description = "Largest request body; larger"
            + " is refused with 413 (default ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--max-connections", defaultValue = "128", description = "Connections served at once, one"
            + " thread each; more wait until one closes (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--request-timeout-seconds", defaultValue = "30", description = "How long a request's head and"
            + " body may take to arrive (default ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(names = "--idle-timeout-seconds", defaultValue = "90", description = "How long an idle keep-alive"
            + " connection is kept open (default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--cert-reload-seconds", defaultValue = "10", description = "How often the certificate files"
            + " are checked for changes (default ${DEFAULT-VALUE}).")
    int reloadSeconds;

    @Option(names = "--shutdown-grace-seconds", defaultValue = "20", description = "How long a stop waits for"
            + " requests in flight (default ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--cilium-version", defaultValue = io.kcs.cilium.rules.fabric8.MappingOptions.NEWEST_CILIUM_VERSION,
            paramLabel = "1.N", description = "Cilium version of the cluster (default ${DEFAULT-VALUE}).")
    String ciliumVersion;

    @Option(names = "--agent-option", paramLabel = "KEY=VALUE", description = "A cilium-config option of the"
            + " cluster (repeatable), e.g. enable-l7-proxy=false.")
    java.util.List<String> agentOptions = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EngineOptions engine = new EngineOptions();
        engine.ciliumVersion = ciliumVersion;
        engine.agentOptions = agentOptions;
        CiliumPolicyAdmission admission = CiliumPolicyAdmission.create(engine.mappingOptions(spec))
                .withLints(lints).withDenyOnWarnings(denyOnWarnings);
        if (insecureHttp == (tlsCert != null || tlsKey != null)) {
            throw Main.usage(spec, insecureHttp ? "--insecure-http takes no --tls-cert/--tls-key"
                    : "give --tls-cert and --tls-key (or --insecure-http for local tests)");
        }
        if (!insecureHttp && (tlsCert == null || tlsKey == null)) {
            throw Main.usage(spec, "give both --tls-cert and --tls-key");
        }
        if (port < 0 || port > 65535 || maxBodyBytes < 1024 || maxConnections < 1 || maxConnections > 4096
                || reloadSeconds < 1 || graceSeconds < 1 || requestTimeoutSeconds < 1 || idleTimeoutSeconds < 1) {
            throw Main.usage(spec, "--port 0-65535, --max-body-bytes >= 1024, --max-connections 1-4096,"
                    + " --cert-reload-seconds, --shutdown-grace-seconds, --request-timeout-seconds and"
                    + " --idle-timeout-seconds >= 1");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(io.kcs.cilium.rules.net.IpAddress.parse(bind).toInetAddress(), port);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, "--bind takes an IP address: " + e.getMessage());
        }
        if (insecureHttp) {
            err.println("WARNING: --insecure-http: serving PLAIN HTTP without TLS. The Kubernetes API server only");
            err.println("WARNING: calls webhooks over HTTPS; use this for local tests only, never in a cluster.");
            err.flush();
        }
        WebhookServer.Config config = new WebhookServer.Config(address, Optional.ofNullable(tlsCert),
                Optional.ofNullable(tlsKey), insecureHttp, maxBodyBytes, maxConnections,
                Duration.ofSeconds(requestTimeoutSeconds), Duration.ofSeconds(idleTimeoutSeconds),
                Duration.ofSeconds(reloadSeconds), Duration.ofSeconds(graceSeconds));
        WebhookServer server;
        try {
            server = WebhookServer.start(config, admission, err);
        } catch (IllegalArgumentException e) {
            err.println("kcs-cilium-rules webhook: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("kcs-cilium-rules webhook: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return Main.INTERNAL;
        }
        err.println("webhook: listening on " + (insecureHttp ? "http" : "https") + "://" + bind + ":"
                + server.port() + " (" + admission + ")");
        err.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "webhook-shutdown"));
        server.awaitClosed();
        return 0;
    }
}
