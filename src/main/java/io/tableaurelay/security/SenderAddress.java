package io.tableaurelay.security;

import java.util.Arrays;
import java.util.List;

import io.vertx.core.net.SocketAddress;
import org.apache.camel.Header;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * The address a request comes from: the peer's, or, when the peer is one of {@code webhook.trusted-proxies},
 * the last address in {@code X-Forwarded-For} that is not itself a trusted proxy. Entries a client wrote
 * itself sit to the left of what the proxies appended, so they are never believed.
 */
public final class SenderAddress {


    private final List<IpRange> trustedProxies;

    public SenderAddress(List<IpRange> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(@Header(VertxPlatformHttpConstants.REMOTE_ADDRESS) SocketAddress peer,
            @Header("X-Forwarded-For") Object forwardedFor) {
        String address = peer == null ? "" : peer.hostAddress();
        if (forwardedFor == null || !isTrustedProxy(address)) {
            return address;
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            address = hops.get(i);
            if (!isTrustedProxy(address)) {
                return address;
            }
        }
        return address;
    }

    /** X-Forwarded-For as a list of addresses, oldest first; several headers count as one list. */
    private static List<String> hops(Object forwardedFor) {
        String joined = forwardedFor instanceof List<?> headers
                ? String.join(",", headers.stream().map(String::valueOf).toList())
                : String.valueOf(forwardedFor);
        return Arrays.stream(joined.split(",")).map(String::trim).filter(hop -> !hop.isEmpty()).toList();
    }

    private boolean isTrustedProxy(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
