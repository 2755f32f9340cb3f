package io.kcs.cilium.rules.fqdn;

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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent's DNS proxy has learned: which IPs each DNS name resolved to, until when. Cilium's {@code toFQDNs}
 * selects exactly the IPs seen in DNS answers for matching names while their TTL lasts, so evaluation asks this cache
 * which names an IP currently stands for.
 *
 * <p>Semantics: {@link #observe} records an answer; an (name, IP) pair is live while {@code now} is before its
 * expiry ({@code observed + ttl}; a later answer with a later expiry extends it, never shortens it). At most
 * {@code maxIpsPerName} live IPs are kept per name (Cilium's {@code --tofqdns-endpoint-max-ip-per-hostname},
 * default {@value #DEFAULT_MAX_IPS_PER_NAME}); beyond that the IPs expiring first are evicted, as Cilium evicts the
 * oldest. At most {@code maxNames} names are kept (default {@value #DEFAULT_MAX_NAMES}); beyond that expired entries
 * are swept and then the least recently observed names evicted, so memory stays bounded. Names are stored lower case
 * without a trailing dot.
 *
 * <p>What it does not do: no DNS lookups, no clock of its own (time is always passed in), no per-endpoint
 * separation (one cache stands for one endpoint's view), no {@code --tofqdns-min-ttl}.
 *
 * <pre>{@code
 * DnsCache cache = DnsCache.create();
 * Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
 * cache.observe("API.example.com.", List.of(IpAddress.parse("203.0.113.7")), Duration.ofSeconds(30), t0);
 * cache.namesFor(IpAddress.parse("203.0.113.7"), t0.plusSeconds(10));   // [api.example.com]
 * cache.namesFor(IpAddress.parse("203.0.113.7"), t0.plusSeconds(30));   // [] (expired)
 * }</pre>
 *
 * <p>Thread-safe: writers serialise on an internal lock; {@link #namesFor} reads an immutable per-IP snapshot without
 * locking.
 */
public final class DnsCache {

    /** Cilium's default {@code --tofqdns-endpoint-max-ip-per-hostname}. */
    public static final int DEFAULT_MAX_IPS_PER_NAME = 50;
    /** Default bound on the number of names kept. */
    public static final int DEFAULT_MAX_NAMES = 100_000;
    /** Longest DNS name accepted (Cilium's FQDN limit). */
    public static final int MAX_NAME_LENGTH = 255;

    private final int maxIpsPerName;
    private final int maxNames;
    private final Object lock = new Object();
    /** name -> (ip -> expiry), in least-recently-observed order; guarded by lock. */
    private final LinkedHashMap<String, Map<IpAddress, Instant>> byName = new LinkedHashMap<>(16, 0.75f, true);
    /** ip -> immutable (name -> expiry); replaced under lock, read without it. */
    private final ConcurrentHashMap<IpAddress, Map<String, Instant>> byIp = new ConcurrentHashMap<>();

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
     * Records that {@code name} resolved to {@code ips} with {@code ttl} at {@code now}.
     *
     * @throws IllegalArgumentException when the name is empty or longer than 255 characters, or the TTL is negative
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
        Instant expiry = now.plus(ttl);
        synchronized (lock) {
            Map<IpAddress, Instant> entries = byName.computeIfAbsent(key, k -> new HashMap<>());
            List<IpAddress> changed = new ArrayList<>();
            // drop what has expired for this name
            for (Iterator<Map.Entry<IpAddress, Instant>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<IpAddress, Instant> e = it.next();
                if (!now.isBefore(e.getValue())) {
                    it.remove();
                    changed.add(e.getKey());
                }
            }
            if (now.isBefore(expiry)) {
                for (IpAddress ip : list) {
                    entries.merge(ip, expiry, (a, b) -> a.isAfter(b) ? a : b);
                    changed.add(ip);
                }
            }
            while (entries.size() > maxIpsPerName) {
                IpAddress first = null;
                Instant firstExpiry = null;
                for (Map.Entry<IpAddress, Instant> e : entries.entrySet()) {
                    if (firstExpiry == null || e.getValue().isBefore(firstExpiry)
                            || (e.getValue().equals(firstExpiry) && e.getKey().compareTo(first) < 0)) {
                        first = e.getKey();
                        firstExpiry = e.getValue();
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
                Iterator<Map.Entry<String, Map<IpAddress, Instant>>> eldest = byName.entrySet().iterator();
                while (byName.size() > maxNames && eldest.hasNext()) {
                    Map.Entry<String, Map<IpAddress, Instant>> victim = eldest.next();
                    eldest.remove();
                    for (IpAddress ip : victim.getValue().keySet()) {
                        reindex(ip, victim.getKey(), null, now);
                    }
                }
            }
        }
    }

    /** Sets (or removes, when expiry is null) the pair (ip, name) in the reverse index; under lock. */
    private void reindex(IpAddress ip, String name, Instant expiry, Instant now) {
        Map<String, Instant> old = byIp.get(ip);
        Map<String, Instant> next = new HashMap<>();
        if (old != null) {
            for (Map.Entry<String, Instant> e : old.entrySet()) {
                if (now.isBefore(e.getValue())) {
                    next.put(e.getKey(), e.getValue());
                }
            }
        }
        if (expiry == null) {
            next.remove(name);
        } else {
            next.put(name, expiry);
        }
        if (next.isEmpty()) {
            byIp.remove(ip);
        } else {
            byIp.put(ip, Collections.unmodifiableMap(next));
        }
    }

    /** Removes every expired entry; under lock. */
    private void sweep(Instant now) {
        for (Iterator<Map.Entry<String, Map<IpAddress, Instant>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Map<IpAddress, Instant>> e = it.next();
            e.getValue().values().removeIf(expiry -> !now.isBefore(expiry));
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        byIp.entrySet().removeIf(e -> e.getValue().values().stream().noneMatch(now::isBefore));
    }

    /** Removes every expired entry now (optional: lookups ignore expired entries anyway). */
    public void evictExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            sweep(now);
        }
    }

    /** The names {@code ip} currently stands for (live at {@code now}), lower case without trailing dot, sorted. */
    public Set<String> namesFor(IpAddress ip, Instant now) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(now, "now");
        Map<String, Instant> entries = byIp.get(ip);
        if (entries == null) {
            return Set.of();
        }
        Set<String> out = null;
        for (Map.Entry<String, Instant> e : entries.entrySet()) {
            if (now.isBefore(e.getValue())) {
                if (out == null) {
                    out = new TreeSet<>();
                }
                out.add(e.getKey());
            }
        }
        return out == null ? Set.of() : Collections.unmodifiableSet(out);
    }

    /** The IPs {@code name} currently resolves to (live at {@code now}), sorted. */
    public Set<IpAddress> ipsFor(String name, Instant now) {
        String key = normalise(name);
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Map<IpAddress, Instant> entries = byName.get(key);
            if (entries == null) {
                return Set.of();
            }
            Set<IpAddress> out = new TreeSet<>();
            entries.forEach((ip, expiry) -> {
                if (now.isBefore(expiry)) {
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

    private static String normalise(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a DNS name must have 1 to " + MAX_NAME_LENGTH + " characters: \""
                    + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "\"");
        }
        return n.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DnsCache[names=" + size() + ", maxIpsPerName=" + maxIpsPerName + ", maxNames=" + maxNames + "]";
    }
}
