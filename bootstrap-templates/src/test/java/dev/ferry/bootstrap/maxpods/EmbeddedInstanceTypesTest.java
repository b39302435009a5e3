package dev.ferry.bootstrap.maxpods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** max-pods with no network and no file: the table Ferry carries. */
class EmbeddedInstanceTypesTest {
    static final Clock DEC_1 = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    static final PodNetworking CUSTOM = new PodNetworking(true, false);

    @Test
    void theReferenceExamplesHoldOffline() {
        EmbeddedInstanceTypes table = EmbeddedInstanceTypes.load(DEC_1);
        assertEquals(1391, table.size());
        int[][] expected = {{29, 20}, {17, 12}, {8, 5}};
        String[] types = {"m5.large", "t3.medium", "a1.medium"};
        for (int i = 0; i < types.length; i++) {
            InstanceLimits l = table.require(types[i]);
            assertEquals(expected[i][0], MaxPodsCalculator.compute(l, PodNetworking.DEFAULT, true).uncapped(), types[i]);
            assertEquals(expected[i][1], MaxPodsCalculator.compute(l, CUSTOM, true).uncapped(), types[i] + " custom networking");
        }
    }

    @Test
    void itSaysWhereTheFigureComesFromAndHowOldItIs() {
        String d = EmbeddedInstanceTypes.load(DEC_1).describe();
        assertTrue(d.contains("amazon-vpc-cni-k8s v1.23.1") && d.contains("taken 2026-08-20") && d.contains("103 days ago"), d);
        assertEquals(d, EmbeddedInstanceTypes.load(DEC_1).require("m5.large").source());
    }

    @Test
    void vcpusFromTheSizeChooseTheCap() {
        EmbeddedInstanceTypes table = EmbeddedInstanceTypes.load(DEC_1);
        assertEquals(Optional.of(2), EmbeddedInstanceTypes.sizeVcpus("m5.large"));
        assertEquals(Optional.of(64), EmbeddedInstanceTypes.sizeVcpus("c6in.16xlarge"));
        assertEquals(Optional.of(96), EmbeddedInstanceTypes.sizeVcpus("m7i.metal-24xl"));
        assertEquals(96, table.require("m5.metal").vcpus(), "a plain metal is its family's largest size");
        assertEquals(110, MaxPodsCalculator.compute(table.require("m5.4xlarge"), PodNetworking.DEFAULT, true).maxPods());
        assertEquals(250, MaxPodsCalculator.compute(table.require("m5.24xlarge"), PodNetworking.DEFAULT, true).maxPods());
    }

    /** The resource is the reference table, byte for byte, where the shared folder is present. */
    @Test
    void theResourceIsTheReferenceTable() throws IOException {
        String shared = System.getProperty("ferry.shared.dir");
        Path tsv = shared == null ? null : Path.of(shared, "data", "instance-eni-limits.tsv");
        if (tsv == null || !Files.isRegularFile(tsv)) {
            System.err.println("SKIPPED: " + tsv + " is absent (set -Dferry.shared.dir to the shared folder)");
        }
        Assumptions.assumeTrue(tsv != null && Files.isRegularFile(tsv), "shared instance-eni-limits.tsv absent: test skipped");
        try (var in = EmbeddedInstanceTypes.class.getResourceAsStream("instance-eni-limits.tsv")) {
            List<String> resource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertEquals(Files.readAllLines(tsv), resource);
        }
    }
}
