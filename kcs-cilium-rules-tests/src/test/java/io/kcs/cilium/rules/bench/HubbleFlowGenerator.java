package io.kcs.cilium.rules.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Hubble flow JSON lines ({@code hubble observe -o jsonpb} shape, field names of Cilium's
 * {@code flow.proto}) of the workload {@code shop/app=web} and its neighbours, for properties and benchmarks: world
 * peers in two small IPv4 ranges and one IPv6 range (so prefixes fill up), named peers (names in the flow, or
 * learned from an L7 DNS answer flow emitted just before), pods (also behind the Services {@code shop/db}, whose
 * labels are known, and {@code shop/cache}, whose labels are not), reserved peers by label or by number, both
 * directions, replies, drops, other workloads. Deterministic for a seed. Not thread-safe.
 */
public final class HubbleFlowGenerator {

    /** The workload's Service catalog entry: {@code shop/db} carries {@code app=db}. */
    public static final String DB_SERVICE_LABELS = "app=db";

    static final String[] NAMES = {"a.example.com", "b.example.com", "c.example.com", "d.example.com",
        "x.example.org", "y.co.uk", "z.co.uk", "w.co.uk", "api.test.io"};
    static final String WEB = "{\"ID\":812,\"identity\":21002,\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\","
            + "\"k8s:io.cilium.k8s.policy.serviceaccount=web\",\"k8s:io.kubernetes.pod.namespace=shop\"],"
            + "\"pod_name\":\"web-7d9f-abcde\"}";
    static final String OTHER = "{\"ID\":900,\"identity\":50001,\"namespace\":\"shop\",\"labels\":[\"k8s:app=other\","
            + "\"k8s:io.kubernetes.pod.namespace=shop\"],\"pod_name\":\"other-1\"}";

    private final Random r;
    private Instant time = Instant.parse("2026-03-01T10:00:00Z");
    private int port = 30000;

    /** A generator for {@code seed}. */
    public HubbleFlowGenerator(long seed) {
        this.r = new Random(seed);
    }

    /** The next scenario: one to four lines (a DNS answer, a request, its reply, ...). */
    public List<String> next() {
        List<String> out = new ArrayList<>(4);
        time = time.plusMillis(1 + r.nextInt(4000));
        boolean v6 = r.nextInt(6) == 0;
        String local = v6 ? "fd00::105" : "10.0.1.5";
        boolean egress = r.nextInt(3) != 0;
        boolean dropped = r.nextInt(12) == 0;
        boolean withReply = !dropped && r.nextInt(3) == 0;
        String remoteIp;
        String remote;
        String names = "";
        String service = "";
        String proto = r.nextInt(5) == 0 ? "UDP" : "TCP";
        int kind = r.nextInt(10);
        switch (kind) {
            case 0, 1, 2 -> { // world
                remoteIp = worldIp(v6);
                remote = r.nextBoolean() ? "{\"identity\":2,\"labels\":[\"reserved:world\"]}"
                        : "{\"identity\":" + (16777217 + r.nextInt(50)) + ",\"labels\":[\"cidr:" + remoteIp + "/"
                                + (v6 ? 128 : 32) + "\",\"reserved:world\"]}";
            }
            case 3, 4 -> { // named world: names in the flow, or a DNS answer first
                remoteIp = worldIp(v6);
                remote = "{\"identity\":2,\"labels\":[\"reserved:world\"]}";
                String name = NAMES[r.nextInt(NAMES.length)];
                if (r.nextBoolean()) {
                    names = ",\"destination_names\":[\"" + name + "\"],\"source_names\":[\"" + name + "\"]";
                } else {
                    out.add(dnsAnswer(local, v6, name, remoteIp));
                    time = time.plusMillis(r.nextInt(40_000)); // may outlive the TTL
                }
            }
            case 5, 6 -> { // pods, maybe behind a Service
                remoteIp = v6 ? "fd00::3:" + Integer.toHexString(1 + r.nextInt(20)) : "10.0.3." + (1 + r.nextInt(20));
                String ns = new String[] {"shop", "db", "kube-system"}[r.nextInt(3)];
                String app = new String[] {"postgres", "frontend", "kube-dns"}[r.nextInt(3)];
                remote = "{\"ID\":" + (40 + r.nextInt(20)) + ",\"identity\":" + (40000 + r.nextInt(100))
                        + ",\"namespace\":\"" + ns + "\",\"labels\":[\"k8s:app=" + app
                        + "\",\"k8s:io.kubernetes.pod.namespace=" + ns + "\"]}";
                if (ns.equals("shop") && r.nextBoolean()) {
                    String svc = r.nextBoolean() ? "db" : "cache";
                    service = "_service\":{\"name\":\"" + svc + "\",\"namespace\":\"shop\"}";
                }
            }
            default -> { // reserved peers, by label or by number
                remoteIp = v6 ? "fd00::1:" + Integer.toHexString(1 + r.nextInt(9)) : "172.18.0." + (1 + r.nextInt(9));
                int id = 1 + r.nextInt(10);
                String[] labels = {"", "host", "world", "unmanaged", "health", "init", "remote-node", "kube-apiserver",
                    "ingress", "world-ipv4", "world-ipv6"};
                remote = r.nextBoolean() ? "{\"identity\":" + id + "}"
                        : "{\"identity\":" + id + ",\"labels\":[\"reserved:" + labels[id] + "\"]}";
            }
        }
        if (r.nextInt(15) == 0) { // another workload's flow
            out.add(line(egress, false, dropped, v6 ? "fd00::9" : "10.0.4.4", OTHER, remoteIp, remote, proto, names,
                    service, v6));
            return out;
        }
        out.add(line(egress, false, dropped, local, WEB, remoteIp, remote, proto, names, service, v6));
        if (withReply) {
            time = time.plusMillis(1);
            out.add(line(egress, true, false, local, WEB, remoteIp, remote, proto, names, service, v6));
        }
        return out;
    }

    /** About {@code n} lines: whole scenarios until at least {@code n}. */
    public List<String> lines(int n) {
        List<String> out = new ArrayList<>(n + 4);
        while (out.size() < n) {
            out.addAll(next());
        }
        return out;
    }

    private String worldIp(boolean v6) {
        if (v6) {
            return "2001:db8::" + Integer.toHexString(1 + r.nextInt(40));
        }
        return (r.nextBoolean() ? "198.51.100." : "203.0.113.") + (1 + r.nextInt(12));
    }

    private String dnsAnswer(String local, boolean v6, String name, String ip) {
        String server = v6 ? "fd00::10" : "10.0.0.10";
        return "{\"flow\":{\"time\":\"" + time + "\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"" + server
                + "\",\"destination\":\"" + local + "\",\"ipVersion\":\"" + (v6 ? "IPv6" : "IPv4") + "\"},"
                + "\"l4\":{\"UDP\":{\"source_port\":53,\"destination_port\":" + nextPort() + "}},"
                + "\"source\":{\"identity\":102,\"namespace\":\"kube-system\",\"labels\":[\"k8s:k8s-app=kube-dns\","
                + "\"k8s:io.kubernetes.pod.namespace=kube-system\"]},\"destination\":" + WEB + ",\"Type\":\"L7\","
                + "\"l7\":{\"type\":\"RESPONSE\",\"dns\":{\"query\":\"" + name + ".\",\"ips\":[\"" + ip + "\"],"
                + "\"ttl\":" + (1 + r.nextInt(60)) + ",\"rcode\":0}},\"traffic_direction\":\"EGRESS\","
                + "\"is_reply\":true}}";
    }

    private int nextPort() {
        port = port == 60000 ? 30000 : port + 1;
        return port;
    }

    private String line(boolean egress, boolean reply, boolean dropped, String local, String localEp, String remoteIp,
            String remoteEp, String proto, String names, String service, boolean v6) {
        boolean localIsSource = egress != reply;
        String src = localIsSource ? local : remoteIp;
        String dst = localIsSource ? remoteIp : local;
        int servicePort = 443;
        int clientPort = nextPort();
        int sp = reply ? servicePort : clientPort;
        int dp = reply ? clientPort : servicePort;
        String flags = proto.equals("TCP") ? ",\"flags\":{" + (reply ? "\"SYN\":true,\"ACK\":true" : "\"SYN\":true")
                + "}" : "";
        // observed at the workload (traffic direction = the workload's) or at the peer (the other way)
        boolean observedHere = r.nextInt(4) != 0;
        String td = observedHere == egress ? "EGRESS" : "INGRESS";
        String isReply = dropped && r.nextBoolean() ? "" : ",\"is_reply\":" + reply;
        return "{\"flow\":{\"time\":\"" + time + "\",\"verdict\":\"" + (dropped ? "DROPPED" : "FORWARDED") + "\","
                + (dropped ? "\"drop_reason_desc\":\"POLICY_DENIED\"," : "")
                + "\"IP\":{\"source\":\"" + src + "\",\"destination\":\"" + dst + "\",\"ipVersion\":\""
                + (v6 ? "IPv6" : "IPv4") + "\"},\"l4\":{\"" + proto + "\":{\"source_port\":" + sp
                + ",\"destination_port\":" + dp + flags + "}},\"source\":" + (localIsSource ? localEp : remoteEp)
                + ",\"destination\":" + (localIsSource ? remoteEp : localEp) + ",\"Type\":\"L3_L4\","
                + "\"node_name\":\"kind-worker\"" + names
                + (service.isEmpty() ? "" : ",\"" + (localIsSource ? "destination" : "source") + service)
                + ",\"traffic_direction\":\"" + td + "\""
                + isReply + ",\"trace_observation_point\":\"TO_STACK\",\"Summary\":\"TCP Flags: SYN\"},"
                + "\"node_name\":\"kind-worker\",\"time\":\"" + time + "\"}";
    }
}
