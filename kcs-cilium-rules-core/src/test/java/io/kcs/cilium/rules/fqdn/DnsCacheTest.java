package io.kcs.cilium.rules.fqdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsCacheTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final IpAddress A = IpAddress.parse("203.0.113.1");
    private static final IpAddress B = IpAddress.parse("2001:db8::2");

    private static IpAddress ip(int i) {
        return IpAddress.ofIpv4(0xC0000200 + i);
    }

    @Test
    void namesAreLiveUntilTheirTtlEnds() {
        DnsCache c = DnsCache.create();
        c.observe("API.Example.com.", List.of(A, B), Duration.ofSeconds(10), T0);
        assertThat(c.namesFor(A, T0)).containsExactly("api.example.com");
        assertThat(c.namesFor(B, T0.plusMillis(9999))).containsExactly("api.example.com");
        assertThat(c.namesFor(A, T0.plusSeconds(10))).isEmpty();
        assertThat(c.ipsFor("api.example.com", T0)).containsExactly(A, B);
    }

    @Test
    void aLaterAnswerExtendsButNeverShortens() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(100), T0);
        c.observe("a.com", List.of(A), Duration.ofSeconds(1), T0.plusSeconds(1));
        assertThat(c.namesFor(A, T0.plusSeconds(50))).containsExactly("a.com");
        c.observe("a.com", List.of(A), Duration.ofSeconds(200), T0.plusSeconds(2));
        assertThat(c.namesFor(A, T0.plusSeconds(150))).containsExactly("a.com");
    }

    @Test
    void zeroTtlRecordsNothing() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ZERO, T0);
        assertThat(c.namesFor(A, T0)).isEmpty();
    }

    @Test
    void oneIpCanStandForSeveralNames() {
        DnsCache c = DnsCache.create();
        c.observe("b.com", List.of(A), Duration.ofSeconds(10), T0);
        c.observe("a.com", List.of(A), Duration.ofSeconds(20), T0);
        assertThat(c.namesFor(A, T0)).containsExactly("a.com", "b.com");
        assertThat(c.namesFor(A, T0.plusSeconds(15))).containsExactly("a.com");
    }

    @Test
    void capsIpsPerNameEvictingThoseExpiringFirst() {
        DnsCache c = DnsCache.create(3);
        for (int i = 0; i < 5; i++) {
            c.observe("a.com", List.of(ip(i)), Duration.ofSeconds(10 + i), T0);
        }
        assertThat(c.ipsFor("a.com", T0)).containsExactly(ip(2), ip(3), ip(4));
        assertThat(c.namesFor(ip(0), T0)).isEmpty();
        assertThat(c.namesFor(ip(4), T0)).containsExactly("a.com");
    }

    @Test
    void defaultCapIsFiftyAsInCilium() {
        DnsCache c = DnsCache.create();
        List<IpAddress> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(ip(i));
        }
        c.observe("a.com", many, Duration.ofSeconds(10), T0);
        assertThat(c.ipsFor("a.com", T0)).hasSize(DnsCache.DEFAULT_MAX_IPS_PER_NAME);
    }

    @Test
    void boundsTheNumberOfNames() {
        DnsCache c = DnsCache.create(50, 10);
        for (int i = 0; i < 100; i++) {
            c.observe("n" + i + ".com", List.of(ip(i)), Duration.ofSeconds(10), T0);
        }
        assertThat(c.size()).isEqualTo(10);
        assertThat(c.namesFor(ip(99), T0)).containsExactly("n99.com");
        assertThat(c.namesFor(ip(0), T0)).isEmpty();
    }

    @Test
    void theNameCapSweepsExpiredNamesBeforeEvictingLiveOnes() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("live.com", List.of(ip(1)), Duration.ofSeconds(100), T0); // observed first, still live
        c.observe("expired.com", List.of(ip(2)), Duration.ofSeconds(10), T0);
        c.observe("new.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(20));
        assertThat(c.namesFor(ip(1), T0.plusSeconds(21))).containsExactly("live.com");
        assertThat(c.namesFor(ip(3), T0.plusSeconds(21))).containsExactly("new.com");
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void theNameCapEvictsTheLeastRecentlyObservedLiveName() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("a.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("b.com", List.of(ip(2)), Duration.ofSeconds(100), T0.plusSeconds(1));
        c.observe("c.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(2));
        assertThat(c.namesFor(ip(1), T0.plusSeconds(3))).isEmpty();
        assertThat(c.namesFor(ip(2), T0.plusSeconds(3))).containsExactly("b.com");
        assertThat(c.namesFor(ip(3), T0.plusSeconds(3))).containsExactly("c.com");
    }

    @Test
    void observingANameAgainMakesItTheMostRecentlyObserved() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("a.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("b.com", List.of(ip(2)), Duration.ofSeconds(100), T0.plusSeconds(1));
        c.observe("a.com", List.of(ip(1)), Duration.ofSeconds(100), T0.plusSeconds(2));
        c.observe("c.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(3));
        assertThat(c.namesFor(ip(1), T0.plusSeconds(4))).containsExactly("a.com");
        assertThat(c.namesFor(ip(2), T0.plusSeconds(4))).isEmpty();
    }

    @Test
    void readsDoNotChangeTheEvictionOrder() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("a.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("b.com", List.of(ip(2)), Duration.ofSeconds(100), T0.plusSeconds(1));
        assertThat(c.ipsFor("a.com", T0.plusSeconds(2))).containsExactly(ip(1)); // a read, not an observation
        assertThat(c.namesFor(ip(1), T0.plusSeconds(2))).containsExactly("a.com");
        c.observe("c.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(3));
        assertThat(c.namesFor(ip(1), T0.plusSeconds(4))).isEmpty();
        assertThat(c.namesFor(ip(2), T0.plusSeconds(4))).containsExactly("b.com");
    }

    @Test
    void evictsExpiredEntries() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(1), T0);
        c.evictExpired(T0.plusSeconds(2));
        assertThat(c.size()).isZero();
    }

    @Test
    void rejectsBadInput() {
        DnsCache c = DnsCache.create();
        assertThatThrownBy(() -> c.observe("", List.of(A), Duration.ofSeconds(1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.observe("a".repeat(300), List.of(A), Duration.ofSeconds(1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.observe("a.com", List.of(A), Duration.ofSeconds(-1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsCache.create(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Tag("concurrency") // seconds of thread interleaving; excluded from mutation testing (see README)
    @Test
    void anIpStandsForANameOnlyFromTheMomentTheAnswerWasObserved() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofHours(2), T0);
        assertThat(c.namesFor(A, T0.minusSeconds(3600))).isEmpty();
        assertThat(c.namesFor(A, T0.minusNanos(1))).isEmpty();
        assertThat(c.ipsFor("a.com", T0.minusNanos(1))).isEmpty();
        assertThat(c.namesFor(A, T0)).containsExactly("a.com");
        assertThat(c.ipsFor("a.com", T0)).containsExactly(A);
    }

    @Test
    void aRenewedAnswerKeepsTheFirstObservationTime() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0);
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0.plusSeconds(5));
        assertThat(c.namesFor(A, T0.plusSeconds(1))).containsExactly("a.com");
        assertThat(c.namesFor(A, T0.plusSeconds(14))).containsExactly("a.com");
        assertThat(c.namesFor(A, T0.plusSeconds(15))).isEmpty();
    }

    @Test
    void anAnswerAfterExpiryStartsANewLifetime() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0);
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0.plusSeconds(20));
        assertThat(c.namesFor(A, T0.plusSeconds(15))).isEmpty();
        assertThat(c.namesFor(A, T0.plusSeconds(20))).containsExactly("a.com");
    }

    @Test
    void anOutOfOrderAnswerMergesOnlyWhenItsLifetimeOverlaps() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0.plusSeconds(10));
        c.observe("a.com", List.of(A), Duration.ofSeconds(5), T0); // [T0, T0+5) does not touch [T0+10, T0+20)
        assertThat(c.namesFor(A, T0.plusSeconds(2))).isEmpty();
        assertThat(c.namesFor(A, T0.plusSeconds(12))).containsExactly("a.com");
        c.observe("a.com", List.of(A), Duration.ofSeconds(15), T0); // [T0, T0+15) overlaps: one span [T0, T0+20)
        assertThat(c.namesFor(A, T0.plusSeconds(2))).containsExactly("a.com");
        assertThat(c.namesFor(A, T0.plusSeconds(19))).containsExactly("a.com");
        assertThat(c.namesFor(A, T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void aHugeTtlLastsUntilTheEndOfTime() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(Long.MAX_VALUE), T0);
        assertThat(c.namesFor(A, Instant.MAX.minusNanos(1))).containsExactly("a.com");
    }

    @Test
    void ttlsEndingJustBeforeAtAndPastTheEndOfTime() {
        // the fast path (no Duration subtraction) covers TTLs ending more than a second before Instant.MAX; around it
        // the exact comparison decides: ending before MAX expires then, reaching or passing MAX never expires
        Instant now = Instant.MAX.minusSeconds(10).minusNanos(500_000_000);
        Duration toMax = Duration.between(now, Instant.MAX);
        for (long back : new long[] {3_000_000_000L, 2_000_000_001L, 1_500_000_000L, 1_000_000_000L, 1}) {
            DnsCache c = DnsCache.create();
            c.observe("a.com", List.of(A), toMax.minusNanos(back), now);
            Instant end = Instant.MAX.minusNanos(back);
            assertThat(c.namesFor(A, end.minusNanos(1))).as("before the end, back %d", back).containsExactly("a.com");
            assertThat(c.namesFor(A, end)).as("at the end, back %d", back).isEmpty();
        }
        for (Duration ttl : List.of(toMax, toMax.plusNanos(1), toMax.plusSeconds(1))) {
            DnsCache c = DnsCache.create();
            c.observe("a.com", List.of(A), ttl, now);
            assertThat(c.namesFor(A, Instant.MAX.minusNanos(1))).as("ttl %s", ttl).containsExactly("a.com");
        }
    }

    @Test
    void lookupsDoNotRefreshAName() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("old.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("new.com", List.of(ip(2)), Duration.ofSeconds(100), T0.plusSeconds(1));
        assertThat(c.ipsFor("old.com", T0.plusSeconds(2))).containsExactly(ip(1));
        assertThat(c.namesFor(ip(1), T0.plusSeconds(2))).containsExactly("old.com");
        c.observe("third.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(3));
        assertThat(c.ipsFor("old.com", T0.plusSeconds(3))).isEmpty();
        assertThat(c.ipsFor("new.com", T0.plusSeconds(3))).containsExactly(ip(2));
        assertThat(c.ipsFor("third.com", T0.plusSeconds(3))).containsExactly(ip(3));
    }

    @Test
    void aNewAnswerRefreshesAName() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("old.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("new.com", List.of(ip(2)), Duration.ofSeconds(100), T0.plusSeconds(1));
        c.observe("old.com", List.of(ip(1)), Duration.ofSeconds(100), T0.plusSeconds(2));
        c.observe("third.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(3));
        assertThat(c.ipsFor("old.com", T0.plusSeconds(3))).containsExactly(ip(1));
        assertThat(c.ipsFor("new.com", T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void evictsExpiredNamesBeforeLiveOnes() {
        DnsCache c = DnsCache.create(50, 2);
        c.observe("live.com", List.of(ip(1)), Duration.ofSeconds(100), T0);
        c.observe("expired.com", List.of(ip(2)), Duration.ofSeconds(1), T0.plusSeconds(1));
        c.observe("third.com", List.of(ip(3)), Duration.ofSeconds(100), T0.plusSeconds(5));
        assertThat(c.ipsFor("live.com", T0.plusSeconds(5))).containsExactly(ip(1));
        assertThat(c.ipsFor("third.com", T0.plusSeconds(5))).containsExactly(ip(3));
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void lowerCasesNamesAsFqdnSelectorDoes() {
        DnsCache c = DnsCache.create();
        c.observe("\u0130.Example.com", List.of(A), Duration.ofSeconds(10), T0); // U+0130, dotted capital I
        c.observe("\u212Aube.io", List.of(B), Duration.ofSeconds(10), T0); // U+212A, Kelvin sign
        assertThat(c.namesFor(A, T0)).containsExactly("i.example.com");
        assertThat(c.namesFor(B, T0)).containsExactly("kube.io");
        assertThat(c.ipsFor("I.EXAMPLE.COM", T0)).containsExactly(A);
        assertThat(FqdnSelector.parse("i.example.com").matches("\u0130.Example.com")).isTrue();
        assertThat(FqdnSelector.parse("kube.io").matches("\u212Aube.io")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x..", "a..b", ".a", "..", "a.b..", ".a."})
    void rejectsNamesWithEmptyLabels(String name) {
        DnsCache c = DnsCache.create();
        assertThatThrownBy(() -> c.observe(name, List.of(A), Duration.ofSeconds(1), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty label");
        assertThatThrownBy(() -> c.ipsFor(name, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.size()).isZero();
    }

    @Test
    void survivesConcurrentWritersAndReaders() throws Exception {
        DnsCache c = DnsCache.create(5, 50);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        c.observe("n" + (i % 80) + ".com", List.of(ip((i + id) % 200)), Duration.ofSeconds(5),
                                T0.plusMillis(i));
                        c.namesFor(ip(i % 200), T0.plusMillis(i));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(c.size()).isLessThanOrEqualTo(50);
    }
}
