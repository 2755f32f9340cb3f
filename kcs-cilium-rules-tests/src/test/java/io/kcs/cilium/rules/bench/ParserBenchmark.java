package io.kcs.cilium.rules.bench;

import com.google.common.net.InetAddresses;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.kcs.cilium.rules.RuleSet;
import io.kcs.cilium.rules.net.Cidr;
import io.kcs.cilium.rules.net.IpAddress;
import io.kcs.cilium.rules.parse.ParseResult;
import io.kcs.cilium.rules.parse.RuleParser;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.util.SubnetUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Exception-list parsing: a realistic 50-entry mixed list, a 10,000-entry list (linearity: its cost should be about
 * 200x the 50-entry list's), and one CIDR entry against the Java anchors in the same run: Guava
 * {@code InetAddresses.forString} + prefix + masking, IPAddress {@code IPAddressString.getAddress()}, Netty
 * {@code IpSubnetFilterRule}, commons-net {@code SubnetUtils} (IPv4 only, with ours on the same IPv4 strings).
 * Single-entry benchmarks cycle over 1,024 canonical CIDR strings (80% IPv4).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ParserBenchmark {

    static final int STRINGS = 1024;

    String list50;
    String list10k;
    /** 50 CIDR entries (80% IPv4) as one list, for the whole-list anchors. */
    String cidrList50;
    String[] mixed;
    String[] mixedAddress;
    int[] mixedLength;
    String[] ipv4;
    int next;

    /**
     * A realistic mixed list of {@code n} distinct entries in canonical spelling. Entry j has kind
     * {@code KINDS[j % 50]} and fixed-width numbers, so lists of different sizes differ only in their entry count.
     */
    static String list(int n, Random r) {
        Set<String> entries = new LinkedHashSet<>();
        String[] entities = {"entity:kube-apiserver", "entity:host", "entity:world", "entity:remote-node",
            "entity:health", "entity:cluster", "entity:ingress"};
        while (entries.size() < n) {
            int j = entries.size();
            int kind = KINDS[j % KINDS.length];
            String i = String.format("%05d", j);
            if (kind < 9) {
                entries.add(Cidr.of(IpAddress.ofIpv4(r.nextInt()), 16 + r.nextInt(17)).toString());
            } else if (kind < 11) {
                entries.add(Cidr.of(IpAddress.ofIpv6(0x2001_0db8_0000_0000L | (r.nextLong() >>> 32), 0),
                        32 + r.nextInt(33)).toString());
            } else if (kind < 14) {
                entries.add("api" + i + ".example.com");
            } else if (kind < 16) {
                entries.add("*.svc" + i + ".example.org");
            } else if (kind < 17) {
                // entities repeat: a later duplicate is replaced by a name so that every entry is distinct
                String e = entities[j % entities.length];
                entries.add(entries.contains(e) ? "host" + i + ".example.net" : e);
            } else if (kind < 18) {
                entries.add("endpoint:team-" + i);
            } else {
                entries.add("service:shop-" + i + "|app.kubernetes.io/name=web,tier");
            }
        }
        return String.join(", ", entries);
    }

    /** Entry kinds (0-19) of a 50-entry cycle: 45% IPv4, 10% IPv6, 15% names, 10% patterns, 5% each other kind. */
    static final int[] KINDS;

    static {
        Random r = new Random(5);
        KINDS = new int[50];
        for (int i = 0; i < KINDS.length; i++) {
            KINDS[i] = r.nextInt(20);
        }
    }

    @Setup
    public void setup() {
        Random r = new Random(11);
        list50 = list(50, r);
        list10k = list(10_000, r);
        mixed = new String[STRINGS];
        mixedAddress = new String[STRINGS];
        mixedLength = new int[STRINGS];
        List<String> four = new ArrayList<>();
        for (int i = 0; i < STRINGS; i++) {
            Cidr c = i % 5 == 0
                    ? Cidr.of(IpAddress.ofIpv6(0x2001_0db8_0000_0000L | (r.nextLong() >>> 16), r.nextLong()),
                            32 + r.nextInt(97))
                    : Cidr.of(IpAddress.ofIpv4(r.nextInt()), 8 + r.nextInt(25));
            mixed[i] = c.toString();
            mixedAddress[i] = c.address().toString();
            mixedLength[i] = c.prefixLength();
            if (c.isIpv4()) {
                four.add(c.toString());
            }
        }
        ipv4 = four.toArray(new String[0]);
        cidrList50 = String.join(", ", java.util.Arrays.asList(mixed).subList(0, 50));
    }

    @Benchmark
    public RuleSet parseList50() {
        return RuleParser.strict().parse(list50).rules();
    }

    @Benchmark
    public RuleSet parseList10k() {
        return RuleParser.strict().parse(list10k).rules();
    }

    /** Ours: a whole CIDR entry (validation, masking, rule object, result) through the strict parser. */
    @Benchmark
    public ParseResult cidrEntryRuleParser() {
        return RuleParser.strict().parse(mixed[next++ & (STRINGS - 1)]);
    }

    /** Ours: the value type alone. */
    @Benchmark
    public Cidr cidrEntryCidrParse() {
        return Cidr.parse(mixed[next++ & (STRINGS - 1)]);
    }

    @Benchmark
    public byte[] cidrEntryGuava() {
        String s = mixed[next++ & (STRINGS - 1)];
        int slash = s.indexOf('/');
        InetAddress a = InetAddresses.forString(s.substring(0, slash));
        int len = Integer.parseInt(s.substring(slash + 1));
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, len - 8 * i));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return b;
    }

    @Benchmark
    public IPAddress cidrEntryIpAddress() {
        return new IPAddressString(mixed[next++ & (STRINGS - 1)]).getAddress();
    }

    @Benchmark
    public IpSubnetFilterRule cidrEntryNetty() {
        int i = next++ & (STRINGS - 1);
        return new IpSubnetFilterRule(mixedAddress[i], mixedLength[i], IpFilterRuleType.ACCEPT);
    }

    @Benchmark
    public SubnetUtils cidrEntryCommonsNetIpv4Only() {
        return new SubnetUtils(ipv4[Math.floorMod(next++, ipv4.length)]);
    }

    @Benchmark
    public ParseResult cidrEntryRuleParserIpv4Only() {
        return RuleParser.strict().parse(ipv4[Math.floorMod(next++, ipv4.length)]);
    }

    // Whole lists: the same 50 CIDR entries as one comma-separated text. Ours validates, masks, de-duplicates and
    // keeps spans; the anchors split on commas, trim and parse each entry (no diagnostics, no duplicate check).

    @Benchmark
    public RuleSet cidrList50RuleParser() {
        return RuleParser.strict().parse(cidrList50).rules();
    }

    @Benchmark
    public List<byte[]> cidrList50Guava() {
        List<byte[]> out = new ArrayList<>(50);
        for (String entry : cidrList50.split(",")) {
            String s = entry.trim();
            int slash = s.indexOf('/');
            byte[] b = InetAddresses.forString(s.substring(0, slash)).getAddress();
            int len = Integer.parseInt(s.substring(slash + 1));
            for (int i = 0; i < b.length; i++) {
                b[i] &= (byte) (0xFF << (8 - Math.max(0, Math.min(8, len - 8 * i))));
            }
            out.add(b);
        }
        return out;
    }

    @Benchmark
    public List<IPAddress> cidrList50IpAddress() {
        List<IPAddress> out = new ArrayList<>(50);
        for (String entry : cidrList50.split(",")) {
            out.add(new IPAddressString(entry.trim()).getAddress());
        }
        return out;
    }

    @Benchmark
    public List<IpSubnetFilterRule> cidrList50Netty() {
        List<IpSubnetFilterRule> out = new ArrayList<>(50);
        for (String entry : cidrList50.split(",")) {
            String s = entry.trim();
            int slash = s.indexOf('/');
            out.add(new IpSubnetFilterRule(s.substring(0, slash), Integer.parseInt(s.substring(slash + 1)),
                    IpFilterRuleType.ACCEPT));
        }
        return out;
    }

    /**
     * A naive reader of the realistic 50-entry mixed list: split, trim, then by prefix: Guava for addresses, Guava's
     * {@code InternetDomainName} for names (patterns with their {@code *.} removed), the rest kept as strings. It
     * checks much less than ours (no label or namespace rules, no diagnostics, no duplicates) - a floor, not a peer.
     */
    @Benchmark
    public List<Object> mixedList50NaiveGuava() {
        List<Object> out = new ArrayList<>(50);
        boolean afterService = false;
        for (String entry : list50.split(",")) {
            String s = entry.trim();
            if (afterService && s.indexOf('.') < 0 && s.indexOf(':') < 0) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + s); // the comma rule, crudely: a label
                continue;
            }
            afterService = s.startsWith("service:");
            if (s.startsWith("entity:") || s.startsWith("endpoint:") || afterService) {
                out.add(s);
            } else if (s.indexOf('/') > 0) {
                out.add(InetAddresses.forString(s.substring(0, s.indexOf('/'))));
            } else {
                out.add(com.google.common.net.InternetDomainName.from(s.startsWith("*.") ? s.substring(2) : s));
            }
        }
        return out;
    }
}
