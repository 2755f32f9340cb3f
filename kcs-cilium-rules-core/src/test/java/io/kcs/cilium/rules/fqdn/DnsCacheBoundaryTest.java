package io.kcs.cilium.rules.fqdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boundaries of {@link DnsCache}: the smallest bounds, the name length limit, empty-label offsets, zero TTLs. */
class DnsCacheBoundaryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final IpAddress A = IpAddress.parse("203.0.113.1");
    private static final IpAddress B = IpAddress.parse("203.0.113.2");

    @Test
    void theSmallestBoundsAreOneNameAndOneIp() {
        DnsCache c = DnsCache.create(1, 1);
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0);
        assertThat(c.ipsFor("a.com", T0)).containsExactly(A);
        c.observe("a.com", List.of(B), Duration.ofSeconds(20), T0); // one IP per name: the later expiry stays
        assertThat(c.ipsFor("a.com", T0)).containsExactly(B);
        c.observe("b.com", List.of(A), Duration.ofSeconds(10), T0.plusSeconds(1)); // one name: a.com goes
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.ipsFor("a.com", T0.plusSeconds(1))).isEmpty();
        assertThat(c.ipsFor("b.com", T0.plusSeconds(1))).containsExactly(A);
        assertThatThrownBy(() -> DnsCache.create(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsCache.create(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesOf255CharactersAreKeptAnd256AreRefused() {
        String label = "a".repeat(63);
        String n255 = label + "." + label + "." + label + "." + "a".repeat(63); // 4 x 63 + 3 dots = 255
        assertThat(n255).hasSize(255);
        DnsCache c = DnsCache.create();
        c.observe(n255, List.of(A), Duration.ofSeconds(10), T0);
        c.observe(n255 + ".", List.of(B), Duration.ofSeconds(10), T0); // the trailing dot does not count
        assertThat(c.ipsFor(n255, T0)).containsExactly(A, B);
        assertThatThrownBy(() -> c.observe(n255 + "a", List.of(A), Duration.ofSeconds(10), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 255 characters");
    }

    @Test
    void emptyLabelsAreReportedAtTheirOffset() {
        DnsCache c = DnsCache.create();
        assertThatThrownBy(() -> c.observe(".x", List.of(A), Duration.ofSeconds(1), T0))
                .hasMessageEndingWith("at offset 0");
        assertThatThrownBy(() -> c.observe("a..b", List.of(A), Duration.ofSeconds(1), T0))
                .hasMessageEndingWith("at offset 1");
        assertThatThrownBy(() -> c.observe("ab...c", List.of(A), Duration.ofSeconds(1), T0))
                .hasMessageEndingWith("at offset 2");
        assertThatThrownBy(() -> c.observe("x..", List.of(A), Duration.ofSeconds(1), T0))
                .hasMessageEndingWith("at offset 1");
        assertThatThrownBy(() -> c.observe("xy..", List.of(A), Duration.ofSeconds(1), T0))
                .hasMessageEndingWith("at offset 2");
        c.observe("x.", List.of(A), Duration.ofSeconds(1), T0); // one trailing dot is fine
        assertThat(c.ipsFor("x", T0)).containsExactly(A);
    }

    @Test
    void aZeroTtlAnswerAddsNothingAndAOneNanosecondTtlLivesOneNanosecond() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ZERO, T0);
        assertThat(c.ipsFor("a.com", T0)).isEmpty();
        assertThat(c.namesFor(A, T0)).isEmpty();
        c.observe("a.com", List.of(A), Duration.ofNanos(1), T0);
        assertThat(c.ipsFor("a.com", T0)).containsExactly(A);
        assertThat(c.namesFor(A, T0)).containsExactly("a.com");
        assertThat(c.ipsFor("a.com", T0.plusNanos(1))).isEmpty();
        assertThat(c.namesFor(A, T0.plusNanos(1))).isEmpty();
    }

    @Test
    void anExpiredAnswerIsReplacedByTheNextOne() {
        DnsCache c = DnsCache.create();
        c.observe("a.com", List.of(A), Duration.ofSeconds(1), T0);
        c.observe("a.com", List.of(B), Duration.ofSeconds(10), T0.plusSeconds(5)); // A expired at T0+1
        assertThat(c.ipsFor("a.com", T0.plusSeconds(5))).containsExactly(B);
        assertThat(c.namesFor(A, T0.plusSeconds(5))).isEmpty();
        assertThat(c.namesFor(B, T0.plusSeconds(5))).containsExactly("a.com");
        c.observe("a.com", List.of(A), Duration.ofSeconds(10), T0.plusSeconds(6)); // A again: a new lifetime
        assertThat(c.namesFor(A, T0.plusSeconds(5))).isEmpty(); // not before this answer
        assertThat(c.namesFor(A, T0.plusSeconds(6))).containsExactly("a.com");
    }
}
