package dev.ferry.vpc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import org.junit.jupiter.api.Test;

class Ipv4CidrTest {
    @Test
    void containsAndOverlaps() {
        Ipv4Cidr vpc = Ipv4Cidr.parse("10.0.0.0/16", "t");
        Ipv4Cidr subnet = Ipv4Cidr.parse("10.0.32.0/19", "t");
        assertTrue(vpc.contains(subnet));
        assertFalse(subnet.contains(vpc));
        assertTrue(subnet.overlaps(vpc));
        assertFalse(Ipv4Cidr.parse("10.1.0.0/24", "t").overlaps(vpc));
        assertTrue(Ipv4Cidr.parse("0.0.0.0/0", "t").contains(Ipv4Cidr.parse("100.64.0.0/16", "t")));
        assertEquals(65536, vpc.size());
        assertEquals("100.64.128.0/17", Ipv4Cidr.parse(" 100.64.128.0/17 ", "t").toString());
    }

    @Test
    void refusesWhatIsNotACidrAndSuggestsTheNetwork() {
        BadInput e = assertThrows(BadInput.class, () -> Ipv4Cidr.parse("10.0.1.7/24", "--new-subnet-cidrs"));
        assertTrue(e.hint().orElseThrow().contains("10.0.1.0/24"), e.hint().orElseThrow());
        assertThrows(BadInput.class, () -> Ipv4Cidr.parse("10.0.0.0", "x"));
        assertThrows(BadInput.class, () -> Ipv4Cidr.parse("10.0.256.0/24", "x"));
        assertThrows(BadInput.class, () -> Ipv4Cidr.parse("10.0.0.0/33", "x"));
    }
}
