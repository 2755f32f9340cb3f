package io.kcs.cilium.rules.fqdn;

import io.kcs.cilium.rules.internal.Text;
import io.kcs.cilium.rules.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent's DNS proxy has learned: which IPs each DNS name resolved to, from when until when. Cilium's
 * {@code toFQDNs} selects exactly the IPs seen in DNS answers for matching names while their TTL lasts, so evaluation
 * asks this cache which names an IP currently stands for.
 *
 * <p>Semantics: {@link #observe} records an answer seen at {@code now}; a (name, IP) pair is live from that moment
 * (inclusive) until its expiry ({@code now + ttl}, exclusive): a packet before the answer was observed is not
 * selected, as in Cilium, where the IP enters the policy only when the proxy sees the answer. A later answer while the
 * pair is live extends the expiry (never shortens it) and keeps the first observation time; an answer after the expiry
 * starts a new lifetime. At most {@code maxIpsPerName} live IPs are kept per name (Cilium's
 * {@code --tofqdns-endpoint-max-ip-per-hostname}, default {@value #DEFAULT_MAX_IPS_PER_NAME}); beyond that the IPs
 * expiring first are evicted, as Cilium evicts the oldest. At most {@code maxNames} names are kept (default
 * {@value #DEFAULT_MAX_NAMES}); beyond that every expired name is dropped first, and only then the least recently
 * <em>observed</em> live names (lookups never change that order), so memory stays bounded.
 *
 * <p>Names are normalised as {@link FqdnSelector} matches them: one trailing dot dropped, then lower-cased like Go's
 * {@code strings.ToLower} for every character a selector can match ({@code A-Z}, the Kelvin sign U+212A and U+0130
 * become {@code a-z}, {@code k}, {@code i}); other characters are kept and can never match a selector. A name must
 * have 1 to {@value #MAX_NAME_LENGTH} characters and no empty label ({@code x..}, {@code .x} and {@code a..b} are
 * refused).
 *
 * <p>What it does not do: no DNS lookups, no clock of its own (time is always passed in and expected to move
 * forward; an answer observed out of order is merged only when its lifetime overlaps the one held), no per-endpoint
 * separation (one cache stands for one endpoint's view), no {@code --tofqdns-min-ttl}.
 *
 * <pre>{@code
 * DnsCache cache = DnsCache.create();
 * Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
 * cache.observe("API.example.com.", List.of(IpAddress.parse("203.0.113.7")), Duration.ofSeconds(30), t0);
 * cache.namesFor(IpAddress.parse("203.0.113.7"), t0.minusSeconds(1));  // [] (not observed yet)
 * cache.namesFor(IpAddress.parse("203.0.113.7"), t0.plusSeconds(10));  // [api.example.com]
 * cache.namesFor(IpAddress.parse("203.0.113.7"), t0.plusSeconds(30));  // [] (expired)
 * }</pre>
 *
 * <p>Mutable and thread-safe: writers (and {@link #ipsFor}, {@link #size}) serialise on an internal lock;
 * {@link #namesFor} reads an immutable per-IP snapshot without locking.
 */
public final class DnsCache {

    /** Cilium's default {@code --tofqdns-endpoint-max-ip-per-hostname}. */
    public static final int DEFAULT_MAX_IPS_PER_NAME = 50;
    /** Default bound on the number of names kept. */
    public static final int DEFAULT_MAX_NAMES = 100_000;
    /** Longest DNS name accepted, without the trailing dot. */
    public static final int MAX_NAME_LENGTH = 255;

    /** When a (name, IP) pair is live: from {@code observed} (inclusive) until {@code expiry} (exclusive). */
    private record Life(Instant observed, Instant expiry) {
        boolean liveAt(Instant now) {
            return !now.isBefore(observed) && now.isBefore(expiry);
        }

        boolean expiredAt(Instant now) {
            return !now.isBefore(expiry);
        }

        /** This life merged with {@code next}: one span when they overlap or touch, else the one ending later. */
        Life merge(Life next) {
            if (next.observed.isAfter(expiry) || observed.isAfter(next.expiry)) {
                return next.expiry.isAfter(expiry) ? next : this;
            }
            return new Life(observed.isBefore(next.observed) ? observed : next.observed,
                    expiry.isAfter(next.expiry) ? expiry : next.expiry);
        }
    }

    private final int maxIpsPerName;
    private final int maxNames;
    private final Object lock = new Object();
    /**
     * name -> (ip -> life), in least-recently-observed order (insertion order; {@link #observe} moves a name to the
     * end, lookups do not); guarded by lock.
     */
    private final LinkedHashMap<String, Map<IpAddress, Life>> byName = new LinkedHashMap<>();
    /** ip -> immutable (name -> life); replaced under lock, read without it. */
    private final ConcurrentHashMap<IpAddress, Map<String, Life>> byIp = new ConcurrentHashMap<>();

    private DnsCache(int maxIpsPerName, int maxNames) {
        this.maxIpsPerName = maxIpsPerName;
        this.maxNames = maxNames;
    }

    /** A cache with Cilium's default of 50 IPs per name. */
    public static DnsCache create() {
        return new DnsCache(DEFAULT_MAX_IPS_PER_NAME, DEFAULT_MAX_NAMES);
    }

    /**
     * A cache keeping at most {@code maxIpsPerName} live IPs per name.
     *
     * @throws IllegalArgumentException when {@code maxIpsPerName < 1}
     */
    public static DnsCache create(int maxIpsPerName) {
        return create(maxIpsPerName, DEFAULT_MAX_NAMES);
    }

    /**
     * A cache keeping at most {@code maxIpsPerName} live IPs per name and {@code maxNames} names.
     *
     * @throws IllegalArgumentException when a bound is below 1
     */
    public static DnsCache create(int maxIpsPerName, int maxNames) {
        if (maxIpsPerName < 1 || maxNames < 1) {
            throw new IllegalArgumentException("bounds must be >= 1: maxIpsPerName=" + maxIpsPerName + ", maxNames="
                    + maxNames);
        }
        return new DnsCache(maxIpsPerName, maxNames);
    }

    /**
     * Records that {@code name} resolved to {@code ips} with {@code ttl}, as observed at {@code now}.
     *
     * @throws IllegalArgumentException when the name is empty, longer than {@value #MAX_NAME_LENGTH} characters
     *     (without the trailing dot) or has an empty label, or the TTL is negative
     * @throws NullPointerException when an argument or an IP is null
     */
    public void observe(String name, Collection<IpAddress> ips, Duration ttl, Instant now) {
        Objects.requireNonNull(ips, "ips");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        String key = normalise(name);
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative TTL " + ttl + " for " + key);
        }
        List<IpAddress> list = List.copyOf(ips);
        // a TTL reaching past Instant.MAX (no real answer has one) lasts until the end of time instead of overflowing;
        // the exact comparison (a Duration subtraction) is needed only within a few seconds of Instant.MAX
        Instant until = ttl.getSeconds() < Instant.MAX.getEpochSecond() - now.getEpochSecond() - 1 ? now.plus(ttl)
                : ttl.compareTo(Duration.between(now, Instant.MAX)) >= 0 ? Instant.MAX : now.plus(ttl);
        Life life = new Life(now, until);
        synchronized (lock) {
            // an answer makes the name the most recently observed: re-insert it at the end
            Map<IpAddress, Life> entries = byName.remove(key);
            if (entries == null) {
                entries = new HashMap<>();
            }
            byName.put(key, entries);
            List<IpAddress> changed = new ArrayList<>();
            // drop what has expired for this name
            for (Iterator<Map.Entry<IpAddress, Life>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<IpAddress, Life> e = it.next();
                if (e.getValue().expiredAt(now)) {
                    it.remove();
                    changed.add(e.getKey());
                }
            }
            if (now.isBefore(life.expiry())) {
                for (IpAddress ip : list) {
                    entries.merge(ip, life, Life::merge);
                    changed.add(ip);
                }
            }
            while (entries.size() > maxIpsPerName) {
                IpAddress first = null;
                Instant firstExpiry = null;
                for (Map.Entry<IpAddress, Life> e : entries.entrySet()) {
                    Instant expiry = e.getValue().expiry();
                    if (firstExpiry == null || expiry.isBefore(firstExpiry)
                            || (expiry.equals(firstExpiry) && e.getKey().compareTo(first) < 0)) {
                        first = e.getKey();
                        firstExpiry = expiry;
                    }
                }
                entries.remove(first);
                changed.add(first);
            }
            if (entries.isEmpty()) {
                byName.remove(key);
            }
            for (IpAddress ip : changed) {
                reindex(ip, key, entries.get(ip), now);
            }
            if (byName.size() > maxNames) {
                sweep(now);
                Iterator<Map.Entry<String, Map<IpAddress, Life>>> eldest = byName.entrySet().iterator();
                while (byName.size() > maxNames && eldest.hasNext()) {
                    Map.Entry<String, Map<IpAddress, Life>> victim = eldest.next();
                    eldest.remove();
                    for (IpAddress ip : victim.getValue().keySet()) {
                        reindex(ip, victim.getKey(), null, now);
                    }
                }
            }
        }
    }

    /** Sets (or removes, when life is null) the pair (ip, name) in the reverse index; under lock. */
    private void reindex(IpAddress ip, String name, Life life, Instant now) {
        Map<String, Life> old = byIp.get(ip);
        Map<String, Life> next = new HashMap<>();
        if (old != null) {
            for (Map.Entry<String, Life> e : old.entrySet()) {
                if (!e.getValue().expiredAt(now)) {
                    next.put(e.getKey(), e.getValue());
                }
            }
        }
        if (life == null) {
            next.remove(name);
        } else {
            next.put(name, life);
        }
        if (next.isEmpty()) {
            byIp.remove(ip);
        } else {
            byIp.put(ip, Collections.unmodifiableMap(next));
        }
    }

    /** Removes every expired entry, in both indexes; under lock. */
    private void sweep(Instant now) {
        for (Iterator<Map.Entry<String, Map<IpAddress, Life>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<IpAddress, Life>> e = it.next();
            e.getValue().values().removeIf(life -> life.expiredAt(now));
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        byIp.entrySet().removeIf(e -> e.getValue().values().stream().allMatch(life -> life.expiredAt(now)));
    }

    /** Removes every expired entry now (optional: lookups ignore expired entries anyway). */
    public void evictExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            sweep(now);
        }
    }

    /**
     * The names {@code ip} stands for at {@code now} (observed at or before {@code now}, not expired), lower case
     * without trailing dot, sorted. Does not change the eviction order.
     */
    public Set<String> namesFor(IpAddress ip, Instant now) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(now, "now");
        Map<String, Life> entries = byIp.get(ip);
        if (entries == null) {
            return Set.of();
        }
        Set<String> out = null;
        for (Map.Entry<String, Life> e : entries.entrySet()) {
            if (e.getValue().liveAt(now)) {
                if (out == null) {
                    out = new TreeSet<>();
                }
                out.add(e.getKey());
            }
        }
        return out == null ? Set.of() : Collections.unmodifiableSet(out);
    }

    /**
     * The IPs {@code name} resolves to at {@code now} (observed at or before {@code now}, not expired), sorted. Does
     * not change the eviction order.
     *
     * @throws IllegalArgumentException when the name is not one {@link #observe} accepts
     */
    public Set<IpAddress> ipsFor(String name, Instant now) {
        String key = normalise(name);
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Map<IpAddress, Life> entries = byName.get(key);
            if (entries == null) {
                return Set.of();
            }
            Set<IpAddress> out = new TreeSet<>();
            entries.forEach((ip, life) -> {
                if (life.liveAt(now)) {
                    out.add(ip);
                }
            });
            return Collections.unmodifiableSet(out);
        }
    }

    /** The number of names held (live or not yet swept). */
    public int size() {
        synchronized (lock) {
            return byName.size();
        }
    }

    /** The cache key of {@code name}: see the class documentation. */
    private static String normalise(String name) {
        Objects.requireNonNull(name, "name");
        int n = name.endsWith(".") ? name.length() - 1 : name.length();
        if (n == 0 || n > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a DNS name must have 1 to " + MAX_NAME_LENGTH
                    + " characters without the trailing dot: " + Text.quote(name));
        }
        char[] out = new char[n];
        char prev = '.';
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '.' && prev == '.') {
                throw new IllegalArgumentException("empty label in DNS name " + Text.quote(name) + " at offset "
                        + (i == 0 ? 0 : i - 1));
            }
            out[i] = FqdnSelector.goLower(c);
            prev = c;
        }
        if (prev == '.') {
            throw new IllegalArgumentException("empty label in DNS name " + Text.quote(name) + " at offset " + (n - 1));
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "DnsCache[names=" + size() + ", maxIpsPerName=" + maxIpsPerName + ", maxNames=" + maxNames + "]";
    }
}
