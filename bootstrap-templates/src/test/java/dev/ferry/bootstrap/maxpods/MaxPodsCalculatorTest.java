package dev.ferry.bootstrap.maxpods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MaxPodsCalculatorTest {
    static final PodNetworking CUSTOM = new PodNetworking(true, false);
    static final PodNetworking PREFIX = new PodNetworking(false, true);

    static InstanceLimits limits(String type, int enis, int ips, int vcpus, String hypervisor, boolean metal) {
        return InstanceLimits.of(type, enis, ips, Optional.of(0), List.of(new InstanceLimits.NetworkCard(0, enis)), vcpus, hypervisor, metal, "test");
    }

    @Test
    void referenceExamplesDefaultAndCustomNetworking() {
        record Example(InstanceLimits limits, int def, int custom) {}
        for (Example e : List.of(new Example(limits("m5.large", 3, 10, 2, "nitro", false), 29, 20),
                new Example(limits("t3.medium", 3, 6, 2, "nitro", false), 17, 12),
                new Example(limits("a1.medium", 2, 4, 1, "nitro", false), 8, 5))) {
            MaxPods d = MaxPodsCalculator.compute(e.limits, PodNetworking.DEFAULT, true);
            MaxPods c = MaxPodsCalculator.compute(e.limits, CUSTOM, true);
            assertEquals(e.def, d.uncapped(), e.limits.instanceType());
            assertEquals(e.def, d.maxPods(), "under the cap");
            assertEquals(e.custom, c.uncapped(), e.limits.instanceType());
            assertEquals(e.limits.enis() - 1, c.enis());
            assertEquals("custom-networking", c.networking().mode());
        }
    }

    @Test
    void prefixDelegationMultipliesBySixteenAndIsCappedByVcpus() {
        MaxPods m5 = MaxPodsCalculator.compute(limits("m5.large", 3, 10, 2, "nitro", false), PREFIX, true);
        assertEquals(3 * 9 * 16 + 2, m5.uncapped());
        assertEquals(110, m5.maxPods(), "2 vCPUs: capped at 110 (the seed's value for m5.large)");
        assertEquals(OptionalInt.of(110), m5.cap());
        MaxPods both = MaxPodsCalculator.compute(limits("m5.large", 3, 10, 2, "nitro", false), new PodNetworking(true, true), true);
        assertEquals(2 * 9 * 16 + 2, both.uncapped());
        assertEquals("custom-networking+prefix-delegation", both.networking().mode());
        MaxPods big = MaxPodsCalculator.compute(limits("m5.24xlarge", 15, 50, 96, "nitro", false), PodNetworking.DEFAULT, true);
        assertEquals(737, big.uncapped());
        assertEquals(250, big.maxPods(), "96 vCPUs: capped at 250");
        MaxPods edge = MaxPodsCalculator.compute(limits("c5.9xlarge", 8, 30, 36, "nitro", false), PodNetworking.DEFAULT, true);
        assertEquals(234, edge.maxPods(), "36 vCPUs > 30: the 250 cap, so 234 stays");
        MaxPods at30 = MaxPodsCalculator.compute(limits("x.30", 8, 30, 30, "nitro", false), PodNetworking.DEFAULT, true);
        assertEquals(110, at30.maxPods(), "30 vCPUs is still a small node");
        MaxPods noCap = MaxPodsCalculator.compute(limits("m5.24xlarge", 15, 50, 96, "nitro", false), PodNetworking.DEFAULT, false);
        assertEquals(737, noCap.maxPods());
        assertTrue(noCap.cap().isEmpty());
    }

    @Test
    void prefixDelegationDoesNotApplyOnXenAndSaysWhy() {
        MaxPods m4 = MaxPodsCalculator.compute(limits("m4.large", 2, 10, 2, "xen", false), PREFIX, true);
        assertEquals(20, m4.maxPods());
        assertFalse(m4.networking().prefixDelegation());
        assertTrue(m4.notes().get(0).contains("m4.large runs on the xen hypervisor and is not bare metal"), m4.notes().toString());
        MaxPods metal = MaxPodsCalculator.compute(limits("i3.metal", 15, 50, 72, "", true), PREFIX, true);
        assertTrue(metal.networking().prefixDelegation(), "bare metal supports prefixes");
    }

    @Test
    void onlyTheDefaultNetworkCardCounts() {
        InstanceLimits c6in = InstanceLimits.of("c6in.32xlarge", 16, 50, Optional.of(0),
                List.of(new InstanceLimits.NetworkCard(0, 8), new InstanceLimits.NetworkCard(1, 8)), 128, "nitro", false, "test");
        MaxPods m = MaxPodsCalculator.compute(c6in, PodNetworking.DEFAULT, false);
        assertEquals(8 * 49 + 2, m.uncapped());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("2 network cards")));
    }

    /** Every row of the shared table: the default-mode value equals ENIs × (IPs − 1) + 2, computed here from the row. */
    @Test
    void everyInstanceTypeInTheSharedTable() throws IOException {
        String shared = System.getProperty("ferry.shared.dir");
        Path tsv = shared == null ? null : Path.of(shared, "data", "instance-eni-limits.tsv");
        if (tsv == null || !Files.isRegularFile(tsv)) {
            System.err.println("SKIPPED: " + tsv + " is absent (set -Dferry.shared.dir to the shared folder)");
        }
        Assumptions.assumeTrue(tsv != null && Files.isRegularFile(tsv), "shared instance-eni-limits.tsv absent: test skipped");
        List<String> lines = Files.readAllLines(tsv);
        assertEquals("instanceType", lines.get(0).split("\t")[0]);
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String type = f[0];
            int maxEni = Integer.parseInt(f[1]);
            int ips = Integer.parseInt(f[2]);
            int defaultCard = Integer.parseInt(f[3]);
            String hypervisor = f[4].equals("unknown") ? "" : f[4];
            boolean metal = Boolean.parseBoolean(f[5]);
            List<InstanceLimits.NetworkCard> cards = new ArrayList<>();
            for (String c : f[7].split(";")) {
                String[] p = c.split(":");
                cards.add(new InstanceLimits.NetworkCard(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
            }
            // EC2 reports MaximumNetworkInterfaces over all cards: give the sum, the calculator must pick the default card.
            InstanceLimits l = InstanceLimits.of(type, Integer.parseInt(f[8]), ips, Optional.of(defaultCard), cards, 2, hypervisor, metal, "tsv");
            int expected = maxEni * (ips - 1) + 2;
            MaxPods def = MaxPodsCalculator.compute(l, PodNetworking.DEFAULT, false);
            if (def.uncapped() != expected || def.maxPods() != expected) {
                wrong.add(type + ": expected " + expected + ", got " + def.uncapped());
            }
            MaxPods custom = MaxPodsCalculator.compute(l, CUSTOM, false);
            if (custom.uncapped() != (maxEni - 1) * (ips - 1) + 2) {
                wrong.add(type + " custom networking: got " + custom.uncapped());
            }
            MaxPods prefix = MaxPodsCalculator.compute(l, PREFIX, false);
            boolean eligible = hypervisor.equals("nitro") || metal;
            int expectedPrefix = eligible ? maxEni * (ips - 1) * 16 + 2 : expected;
            if (prefix.uncapped() != expectedPrefix || prefix.networking().prefixDelegation() != eligible) {
                wrong.add(type + " prefix delegation: expected " + expectedPrefix + ", got " + prefix.uncapped());
            }
            checked++;
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong: " + wrong);
        assertEquals(lines.size() - 1, checked);
        assertTrue(checked > 1000, "the table has about 1,391 types, checked " + checked);
        System.out.println("checked " + checked + " instance types from " + tsv);
    }
}
