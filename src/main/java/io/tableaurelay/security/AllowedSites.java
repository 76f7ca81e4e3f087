package io.tableaurelay.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.tableaurelay.event.TableauEvent;
import org.apache.camel.Body;

/**
 * {@code webhook.allowed-sites}: when set, only events from these Tableau sites (site LUIDs) are taken; others
 * get 403. Tableau's "Test webhook" carries no site and is always answered: it sends nothing on.
 */
public final class AllowedSites {

    private final Set<String> siteLuids;

    public AllowedSites(Set<String> siteLuids) {
        this.siteLuids = siteLuids.stream().map(AllowedSites::normal).collect(Collectors.toUnmodifiableSet());
    }

    public void check(@Body TableauEvent event) {
        if (!siteLuids.isEmpty() && !event.isTest() && !siteLuids.contains(normal(event.siteLuid()))) {
            throw RefusedRequestException.forbidden();
        }
    }

    private static String normal(String luid) {
        return luid == null ? "" : luid.toLowerCase(Locale.ROOT);
    }
}
