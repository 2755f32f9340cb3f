package io.kcs.cilium.rules.policy;

import java.util.Optional;

/** The L7 part of a traced flow: none, an HTTP request or a DNS query. Immutable. */
final class L7Request {

    static final L7Request NONE = new L7Request(Optional.empty(), Optional.empty());

    final Optional<HttpRequest> http;
    final Optional<DnsQuery> dns;

    private L7Request(Optional<HttpRequest> http, Optional<DnsQuery> dns) {
        this.http = http;
        this.dns = dns;
    }

    static L7Request of(HttpRequest r) {
        return new L7Request(Optional.of(r), Optional.empty());
    }

    static L7Request of(DnsQuery q) {
        return new L7Request(Optional.empty(), Optional.of(q));
    }

    boolean isNone() {
        return http.isEmpty() && dns.isEmpty();
    }
}
