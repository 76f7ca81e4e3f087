package io.tableaurelay.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void rangesAndSingleAddresses() {
        IpRange tenEight = IpRange.parse("10.0.0.0/8", "webhook.allowed-ips");
        assertTrue(tenEight.contains("10.255.1.2"));
        assertFalse(tenEight.contains("11.0.0.1"));
        assertFalse(tenEight.contains("::ffff:0:0"));
        assertTrue(IpRange.parse("203.0.113.7", "x").contains("203.0.113.7"));
        assertFalse(IpRange.parse("203.0.113.7", "x").contains("203.0.113.8"));
        assertTrue(IpRange.parse("2001:db8::/32", "x").contains("2001:db8:1::5"));
        assertTrue(IpRange.parse("0.0.0.0/0", "x").contains("192.0.2.1"));
        assertTrue(IpRange.parse("192.168.1.0/25", "x").contains("192.168.1.127"));
        assertFalse(IpRange.parse("192.168.1.0/25", "x").contains("192.168.1.128"));
    }

    @Test
    void namesAndGarbageAreNeverAddresses() {
        IpRange all = IpRange.parse("0.0.0.0/0", "x");
        for (String text : new String[] {"localhost", "deadbeef", "", "10.0.0", "1.2.3.4.5", "example.com", "::g"}) {
            assertFalse(all.contains(text), text);
        }
    }

    @Test
    void aMalformedRangeNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpRange.parse("10.0.0.0/33", "webhook.allowed-ips"));
        assertEquals("webhook.allowed-ips: 10.0.0.0/33 has no valid prefix length", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("intranet", "webhook.trusted-proxies"));
    }
}
