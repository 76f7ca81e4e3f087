package io.tableaurelay.security;

import java.util.List;

import io.tableaurelay.event.HeaderNames;
import org.apache.camel.Header;

/** {@code webhook.allowed-ips}: when set, only senders in these ranges may post; others get 403. */
public final class AllowedAddresses {

    private final List<IpRange> ranges;

    public AllowedAddresses(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    public void check(@Header(HeaderNames.SENDER) String sender) {
        if (!ranges.isEmpty() && ranges.stream().noneMatch(range -> range.contains(sender))) {
            throw RefusedRequestException.forbidden();
        }
    }
}
