package io.kcs.cilium.rules.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.common.Direction;
import io.kcs.cilium.rules.eval.Peer;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flows seen from a workload: the direction table (who opened the connection, from {@code is_reply} and the side the
 * workload is on; {@code traffic_direction} only breaks the tie when both sides are the workload) and the peer table
 * (reserved labels, numeric reserved identities of {@code pkg/identity/numericidentity.go}, local-scope identities,
 * pods, services).
 */
class WorkloadViewTest {

    static final String WEB = "{\"ID\":812,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"]}";
    static final String WEB2 = "{\"ID\":813,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"]}";
    static final String WORLD = "{\"identity\":2,\"labels\":[\"reserved:world\"]}";
    static final WorkloadView VIEW = WorkloadView.of(Workload.of("shop", Map.of("app", "web")),
            ServiceCatalog.empty().with("shop", "db", Map.of("app", "db")));

    static HubbleFlow flow(String src, String dst, String extra) {
        return HubbleFlows.parseLine("{\"flow\":{\"time\":\"2026-03-01T10:00:00Z\",\"IP\":{\"source\":\"10.0.1.5\","
                + "\"destination\":\"10.0.1.6\"},\"l4\":{\"TCP\":{\"source_port\":1000,\"destination_port\":2000}},"
                + "\"source\":" + src + ",\"destination\":" + dst + (extra.isEmpty() ? "" : "," + extra) + "}}", 1)
                .flow().orElseThrow();
    }

    /** Rows: source side, destination side, is_reply, traffic_direction, expected direction, remote side. */
    @ParameterizedTest(name = "src={0} dst={1} is_reply={2} traffic_direction={3} -> {4}, remote {5}")
    @CsvSource({
        // the workload sends a request: it opened the connection
        "web, world, false, EGRESS, EGRESS, destination",
        "web, world, false, INGRESS, EGRESS, destination", // observed at the peer: still the workload's egress
        "web, world, false, , EGRESS, destination",
        "web, world, , , EGRESS, destination", // is_reply absent (drops): a request
        // a reply to the workload: it opened the connection (egress, even though the packet enters)
        "world, web, true, EGRESS, EGRESS, source",
        "world, web, true, , EGRESS, source",
        // a request to the workload: the peer opened it
        "world, web, false, INGRESS, INGRESS, source",
        "world, web, , INGRESS, INGRESS, source",
        // the workload's reply: the peer opened it
        "web, world, true, INGRESS, INGRESS, destination",
        "web, world, true, EGRESS, INGRESS, destination",
        // both sides are the workload: the observed endpoint is the workload
        "web, web2, false, EGRESS, EGRESS, destination",
        "web, web2, false, INGRESS, INGRESS, source",
        "web, web2, true, EGRESS, EGRESS, source",
        "web, web2, true, INGRESS, INGRESS, destination",
        "web, web2, false, , EGRESS, destination",
    })
    void theDirectionIsTheOpenersAndRepliesTravelWithTheirConnection(String src, String dst, Boolean reply,
            Direction trafficDirection, Direction expected, String remoteSide) {
        String extra = (reply == null ? "" : "\"is_reply\":" + reply)
                + (trafficDirection == null ? "" : (reply == null ? "" : ",") + "\"traffic_direction\":\""
                        + trafficDirection + "\"");
        HubbleFlow f = flow(side(src), side(dst), extra);
        WorkloadFlow wf = VIEW.view(f).orElseThrow();
        assertThat(wf.direction()).isEqualTo(expected);
        assertThat(wf.reply()).isEqualTo(reply != null && reply);
        assertThat(wf.remoteIp()).isEqualTo(remoteSide.equals("source") ? f.sourceIp() : f.destinationIp());
        assertThat(wf.packet().trafficDirection()).isEqualTo(expected);
        assertThat(wf.sourceIsLocal()).isEqualTo(remoteSide.equals("destination"));
        assertThat(wf.localPort()).isEqualTo(remoteSide.equals("destination") ? 1000 : 2000);
        assertThat(wf.remotePort()).isEqualTo(remoteSide.equals("destination") ? 2000 : 1000);
    }

    private static String side(String s) {
        return switch (s) {
            case "web" -> WEB;
            case "web2" -> WEB2;
            default -> WORLD;
        };
    }

    @Test
    void flowsOfOtherWorkloadsAreNotTheWorkloads() {
        String other = "{\"namespace\":\"shop\",\"labels\":[\"k8s:app=api\"]}";
        String otherNs = "{\"namespace\":\"shop2\",\"labels\":[\"k8s:app=web\"]}";
        assertThat(VIEW.view(flow(other, WORLD, ""))).isEmpty();
        assertThat(VIEW.view(flow(otherNs, WORLD, ""))).isEmpty();
        // the namespace may come from the label alone
        String byLabel = "{\"labels\":[\"k8s:app=web\",\"k8s:io.kubernetes.pod.namespace=shop\"]}";
        assertThat(VIEW.view(flow(byLabel, WORLD, ""))).isPresent();
        assertThat(WorkloadView.of(Workload.of("shop", Map.of("k8s:app", "web")), ServiceCatalog.empty())
                .view(flow(byLabel, WORLD, ""))).isPresent();
        assertThat(WorkloadView.of(Workload.of("shop", Map.of()), ServiceCatalog.empty()).view(flow(other, WORLD,
                ""))).isPresent();
    }

    @Test
    void aSelectorMatchesLabelsWithOrWithoutTheK8sSourceAndEmptyValuesAlsoAsBareKeys() {
        Workload tier = Workload.of("shop", Map.of("k8s:tier", "", "app", "web"));
        assertThat(tier).isEqualTo(Workload.of("shop", Map.of("tier", "", "app", "web")));
        assertThat(tier.hashCode()).isEqualTo(Workload.of("shop", Map.of("tier", "", "app", "web")).hashCode());
        for (List<String> yes : List.of(List.of("k8s:app=web", "k8s:tier="), List.of("app=web", "k8s:tier"),
                List.of("k8s:tier", "k8s:app=web", "k8s:x=y"))) {
            assertThat(tier.matches(new HubbleFlow.Endpoint(1, 300, "shop", yes, ""))).as("%s", yes).isTrue();
        }
        for (List<String> no : List.of(List.of("k8s:app=web", "k8s:tier=x"), List.of("k8s:app=web"),
                List.of("container:app=web", "k8s:tier"), List.of("k8s:app=webx", "k8s:tier"))) {
            assertThat(tier.matches(new HubbleFlow.Endpoint(1, 300, "shop", no, ""))).as("%s", no).isFalse();
        }
        assertThat(tier.matches(new HubbleFlow.Endpoint(1, 300, "", List.of("k8s:app=web", "k8s:tier",
                "k8s:io.kubernetes.pod.namespace=shop"), ""))).isTrue();
        assertThat(tier.matches(new HubbleFlow.Endpoint(1, 300, "pay", List.of("k8s:app=web", "k8s:tier"), "")))
                .isFalse();
    }

    static final IpAddress IP = IpAddress.parse("10.0.1.6");

    static Stream<Arguments> peers() {
        return Stream.of(
                // reserved labels
                Arguments.of("{\"identity\":1,\"labels\":[\"reserved:host\"]}", Peer.host(IP)),
                Arguments.of("{\"identity\":2,\"labels\":[\"reserved:world\"]}", Peer.world(IP)),
                Arguments.of("{\"labels\":[\"reserved:world-ipv4\"]}", Peer.world(IP)),
                Arguments.of("{\"identity\":3,\"labels\":[\"reserved:unmanaged\"]}", Peer.unmanaged(IP)),
                Arguments.of("{\"identity\":4,\"labels\":[\"reserved:health\"]}", Peer.health()),
                Arguments.of("{\"identity\":5,\"labels\":[\"reserved:init\"]}", Peer.init()),
                Arguments.of("{\"identity\":6,\"labels\":[\"reserved:remote-node\"]}", Peer.remoteNode(IP)),
                Arguments.of("{\"identity\":7,\"labels\":[\"reserved:kube-apiserver\",\"reserved:remote-node\"]}",
                        Peer.kubeApiserver()),
                Arguments.of("{\"labels\":[\"reserved:kube-apiserver\",\"reserved:world\"]}",
                        Peer.kubeApiserver(IP)),
                Arguments.of("{\"labels\":[\"reserved:kube-apiserver\",\"reserved:host\"]}", Peer.kubeApiserver()),
                Arguments.of("{\"identity\":8,\"labels\":[\"reserved:ingress\"]}", Peer.ingress()),
                // numeric identities without labels
                Arguments.of("{\"identity\":1}", Peer.host(IP)),
                Arguments.of("{\"identity\":2}", Peer.world(IP)),
                Arguments.of("{\"identity\":3}", Peer.unmanaged(IP)),
                Arguments.of("{\"identity\":4}", Peer.health()),
                Arguments.of("{\"identity\":5}", Peer.init()),
                Arguments.of("{\"identity\":6}", Peer.remoteNode(IP)),
                Arguments.of("{\"identity\":7}", Peer.kubeApiserver()),
                Arguments.of("{\"identity\":8}", Peer.ingress()),
                Arguments.of("{\"identity\":9}", Peer.world(IP)),
                Arguments.of("{\"identity\":10}", Peer.world(IP)),
                Arguments.of("{\"identity\":0}", Peer.world(IP)),
                Arguments.of("{\"identity\":11}", Peer.world(IP)),
                // local scope: CIDR identity (world), remote node
                Arguments.of("{\"identity\":16777217,\"labels\":[\"cidr:10.0.1.6/32\"]}", Peer.world(IP)),
                Arguments.of("{\"identity\":33554433}", Peer.remoteNode(IP)),
                // pods: valid k8s labels only, namespace from the field or the label
                Arguments.of("{\"identity\":30000,\"namespace\":\"db\",\"labels\":[\"k8s:app=pg\","
                        + "\"container:x=y\",\"k8s:bad key=1\"]}", Peer.pod("db", Map.of("app", "pg"))),
                Arguments.of("{\"identity\":30000,\"labels\":[\"k8s:io.kubernetes.pod.namespace=db\"]}",
                        Peer.pod("db", Map.of("io.kubernetes.pod.namespace", "db"))),
                Arguments.of("{\"identity\":30000,\"namespace\":\"Not_A_Namespace\"}", Peer.world(IP)),
                // a well-known identity (kube-dns, 102) is a pod like any other
                Arguments.of("{\"identity\":102,\"namespace\":\"kube-system\",\"labels\":[\"k8s:k8s-app=kube-dns\"]}",
                        Peer.pod("kube-system", Map.of("k8s-app", "kube-dns"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void mapsTheRemoteEndpointToCiliumsPeer(String endpoint, Peer expected) {
        WorkloadFlow wf = VIEW.view(flow(WEB, endpoint, "")).orElseThrow();
        assertThat(wf.remote()).isEqualTo(expected);
    }

    @Test
    void namesAndServicesOfTheRemoteSideArePartOfThePeer() {
        WorkloadFlow named = VIEW.view(flow(WEB, WORLD, "\"destination_names\":[\"API.example.com.\"],"
                + "\"source_names\":[\"web.local\"]")).orElseThrow();
        assertThat(named.remote()).isEqualTo(Peer.world(IP).withDnsNames(Set.of("api.example.com")));
        String pg = "{\"identity\":30000,\"namespace\":\"shop\",\"labels\":[\"k8s:app=pg\"]}";
        WorkloadFlow known = VIEW.view(flow(WEB, pg, "\"destination_service\":{\"name\":\"db\",\"namespace\":\"shop\"}"))
                .orElseThrow();
        assertThat(known.remote()).isEqualTo(Peer.pod("shop", Map.of("app", "pg")).viaService("db", Map.of("app", "db")));
        WorkloadFlow unknown = VIEW.view(flow(WEB, pg, "\"destination_service\":{\"name\":\"cache\",\"namespace\":"
                + "\"shop\"}")).orElseThrow();
        assertThat(unknown.remote()).isEqualTo(Peer.pod("shop", Map.of("app", "pg")).viaService("cache", Map.of()));
        WorkloadFlow otherNs = VIEW.view(flow(WEB, pg, "\"destination_service\":{\"name\":\"db\",\"namespace\":"
                + "\"other\"}")).orElseThrow();
        assertThat(otherNs.remote()).isEqualTo(Peer.pod("shop", Map.of("app", "pg")));
        // the reply from the backend: the remote side is the source, with source_service
        WorkloadFlow reply = VIEW.view(flow(pg, WEB, "\"is_reply\":true,\"source_service\":{\"name\":\"db\","
                + "\"namespace\":\"shop\"}")).orElseThrow();
        assertThat(reply.direction()).isEqualTo(Direction.EGRESS);
        assertThat(reply.remote()).isEqualTo(known.remote());
    }

    @Test
    void aViewThatRemembersPeersGivesWhatAFreshViewGives() throws IOException {
        // a reader gives equal endpoints and addresses read from the same bytes as one instance: the view's memo
        // (by instance) is used for repeated ones, and an endpoint of the workload, a pod, world and named peers
        // all repeat here; a second workload's view shares none of it
        String pg = "{\"identity\":30000,\"namespace\":\"shop\",\"labels\":[\"k8s:app=pg\"]}";
        // the same pod peer from another endpoint (same namespace and labels), and one namespace over
        String pg2 = "{\"ID\":7,\"identity\":30001,\"namespace\":\"shop\",\"labels\":[\"k8s:app=pg\"]}";
        String pgDb = "{\"identity\":30000,\"namespace\":\"db\",\"labels\":[\"k8s:app=pg\"]}";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (String[] pair : new String[][] {{WEB, pg}, {pg, WEB}, {WEB, WORLD}, {WEB2, pg}, {pg, WEB2},
                {WEB, pg2}, {WEB, pgDb}, {pgDb, WEB2}}) {
                lines.append("{\"time\":\"2026-03-01T10:00:0").append(i).append("Z\",\"IP\":{\"source\":\"10.0.0.1\","
                        + "\"destination\":\"10.0.0.2\"},\"source\":").append(pair[0]).append(",\"destination\":")
                        .append(pair[1]).append(i == 1 ? ",\"destination_names\":[\"a.example.com\"]" : "")
                        .append("}\n");
            }
        }
        WorkloadView other = WorkloadView.of(Workload.of("shop", Map.of("app", "pg")), VIEW.services());
        int remembered = 0;
        try (FlowReader r = HubbleFlows.open(new ByteArrayInputStream(
                lines.toString().getBytes(StandardCharsets.UTF_8)), p -> { })) {
            Set<HubbleFlow.Endpoint> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Optional<HubbleFlow> f = r.next(); f.isPresent(); f = r.next()) {
                HubbleFlow flow = f.get();
                if (!seen.add(flow.source()) | !seen.add(flow.destination())) {
                    remembered++;
                }
                WorkloadView fresh = WorkloadView.of(VIEW.workload(), VIEW.services());
                assertThat(VIEW.view(flow)).isEqualTo(fresh.view(flow));
                assertThat(other.view(flow)).isEqualTo(WorkloadView.of(other.workload(), other.services()).view(flow));
            }
        }
        assertThat(remembered).isGreaterThanOrEqualTo(16);
    }

    @Test
    void theReservedIdentityNumbersAreCiliums() {
        // pkg/identity/numericidentity.go: IdentityUnknown = iota, then host, world, unmanaged, health, init,
        // remote-node, kube-apiserver, ingress; world-ipv4 = 9 and world-ipv6 = 10 since 1.15
        assertThat(WorkloadView.RESERVED_IDENTITIES).containsExactly("unknown", "host", "world", "unmanaged",
                "health", "init", "remote-node", "kube-apiserver", "ingress", "world-ipv4", "world-ipv6");
        assertThat(Optional.of(VIEW.workload().toString())).contains("shop/{app=web}");
        assertThat(List.of(VIEW.toString())).containsExactly("WorkloadView[shop/{app=web}]");
    }
}
