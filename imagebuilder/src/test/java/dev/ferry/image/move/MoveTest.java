package dev.ferry.image.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.progress.Progress;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Ec2Retry;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.image.fake.FakeEc2;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.model.Image;

/** copy within a partition; store in a commercial region and restore in China, against the fake EC2. */
class MoveTest {
    static final String AMI = "ami-0aaaaaaaaaaaaaaa1";
    FakeEc2 ec2;
    Ec2Clients clients;
    final Waiter waiter = new Waiter(Duration.ofMillis(2));

    @BeforeEach
    void setUp() throws Exception {
        ec2 = new FakeEc2();
        ec2.addImage("ap-southeast-1", AMI, "kops-node-1.30.0-20261122", FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        ec2.addImage("cn-north-1", "ami-0ccccccccccccccc1", "kops-node-1.30.0-20261122", FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        clients = Ec2Clients.aws(Optional.of(ec2.endpoint()), new Ec2Retry(3, Duration.ofMillis(1), Duration.ofMillis(2)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        ec2.close();
    }

    @Test
    void copyWaitsForEachRegionAndSkipsOnesThatHaveTheName() {
        Image source = Images.find(clients.region("ap-southeast-1"), AMI).orElseThrow();
        Map<String, String> started = new LinkedHashMap<>();
        Map<String, String> out = new ImageCopy(clients, waiter, Duration.ofSeconds(20), Progress.none())
                .copy(clients.region("ap-southeast-1"), source, List.of("eu-west-1", "us-east-1"), Map.of("team", "k8s"), started);
        assertEquals(List.of("eu-west-1", "us-east-1"), List.copyOf(out.keySet()));
        for (String region : out.keySet()) {
            FakeEc2.Image copy = ec2.images.get(out.get(region));
            assertEquals("available", copy.state);
            assertEquals(region, copy.region);
            assertEquals("kops-node-1.30.0-20261122", copy.name);
            assertEquals("k8s", copy.tags.get("team"));
        }
        // again: the names exist now, so nothing is copied
        int copies = ec2.calls("CopyImage").size();
        Map<String, String> again = new ImageCopy(clients, waiter, Duration.ofSeconds(20), Progress.none())
                .copy(clients.region("ap-southeast-1"), source, List.of("eu-west-1"), Map.of(), new LinkedHashMap<>());
        assertEquals(out.get("eu-west-1"), again.get("eu-west-1"));
        assertEquals(copies, ec2.calls("CopyImage").size());
    }

    @Test
    void copyAmiTagsItsCopiesAndDeregistersTheStartedOnesWhenOneFails() {
        ImageCopy.Copied copied = new ImageCopy(clients, waiter, Duration.ofSeconds(20), Progress.none())
                .copyAmi("ap-southeast-1", AMI, List.of("eu-west-1"));
        assertEquals("kops-node-1.30.0-20261122", copied.name());
        assertEquals(AMI, ec2.images.get(copied.copies().get("eu-west-1")).tags.get("ferry.source-ami"));

        // the first CopyImage of the next run starts; the second is refused
        ec2.afterCall("CopyImage", () -> ec2.alwaysFail("CopyImage", 400, "InvalidRegion", "not enabled"));
        FerryException e = assertThrows(FerryException.class, () -> new ImageCopy(clients, waiter, Duration.ofSeconds(20), Progress.none())
                .copyAmi("ap-southeast-1", AMI, List.of("us-east-1", "us-west-2")));
        assertTrue(e.getMessage().contains("InvalidRegion"), e.getMessage());
        assertEquals(1, ec2.calls("CopyImage").stream().filter(c -> c.region().equals("us-east-1")).count(), "the us-east-1 copy started");
        assertEquals(1, ec2.calls("DeregisterImage").stream().filter(c -> c.region().equals("us-east-1")).count());
        assertEquals(List.of(), ec2.liveImages("us-east-1"), "the copy this run started is deregistered");
    }

    @Test
    void copyAmiRefusesAnAmiThatIsNotThere() {
        FerryException e = assertThrows(FerryException.class, () -> new ImageCopy(clients, waiter, Duration.ofSeconds(20), Progress.none())
                .copyAmi("ap-southeast-1", "ami-0bbbbbbbbbbbbbbb1", List.of("eu-west-1")));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(ec2.calls("CopyImage").isEmpty());
    }

    @Test
    void copyRefusesToLeaveThePartition() {
        FerryException e = assertThrows(FerryException.class, () -> ImageCopy.checkSamePartition("ap-southeast-1", "cn-north-1"));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.hint().orElseThrow().contains("ferry image store"), e.hint().orElseThrow());
        ImageCopy.checkSamePartition("cn-north-1", "cn-northwest-1");
    }

    @Test
    void storeThenRestoreInChina() {
        ImageStore.Stored stored = new ImageStore(waiter, Duration.ofSeconds(20), Progress.none())
                .store(clients.region("ap-southeast-1"), AMI, "transfer-global");
        assertEquals("s3://transfer-global/" + AMI + ".bin", stored.uri());
        assertTrue(ec2.objects.contains("transfer-global/" + AMI + ".bin"), "waited until the task completed");
        assertEquals("ap-southeast-1", ec2.calls("CreateStoreImageTask").get(0).region());

        // the object travels into a bucket in China (ferry mirror / a bundle; see docs/ami-pipeline.md)
        ec2.objects.add("transfer-cn/" + stored.objectKey());
        ImageRestore.Restored restored = new ImageRestore(waiter, Duration.ofSeconds(20), Progress.none())
                .restore(clients.region("cn-north-1"), "transfer-cn", stored.objectKey(), Optional.of("kops-node-restored"), false);
        assertFalse(restored.existed());
        FakeEc2.Image image = ec2.images.get(restored.imageId());
        assertEquals("cn-north-1", image.region);
        assertEquals("available", image.state);
        assertEquals("kops-node-restored", image.name);
    }

    @Test
    void restoreSkipsAnExistingNameAndExplainsAMissingObject() {
        ImageRestore restore = new ImageRestore(waiter, Duration.ofSeconds(20), Progress.none());
        ImageRestore.Restored there = restore.restore(clients.region("cn-north-1"), "transfer-cn", "x.bin",
                Optional.of("kops-node-1.30.0-20261122"), false);
        assertTrue(there.existed());
        assertEquals("ami-0ccccccccccccccc1", there.imageId());
        assertTrue(ec2.calls("CreateRestoreImageTask").isEmpty());

        FerryException e = assertThrows(FerryException.class, () -> restore.restore(clients.region("cn-north-1"), "transfer-cn",
                "missing.bin", Optional.of("other"), false));
        assertTrue(e.getMessage().contains("CreateRestoreImageTask in cn-north-1 failed"), e.getMessage());
    }

    @Test
    void aRestoreThatNeverFinishesIsDeregistered() {
        ec2.objects.add("transfer-cn/" + AMI + ".bin");
        ec2.imagesNeverAvailable = true;
        FerryException e = assertThrows(FerryException.class, () -> new ImageRestore(waiter, Duration.ofMillis(300), Progress.none())
                .restore(clients.region("cn-north-1"), "transfer-cn", AMI + ".bin", Optional.of("slow"), false));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(1, ec2.liveImages("cn-north-1").size(), "only the AMI that was there before");
    }

    @Test
    void storeOfAMissingAmiIsBadInput() {
        FerryException e = assertThrows(FerryException.class, () -> new ImageStore(waiter, Duration.ofSeconds(1), Progress.none())
                .store(clients.region("ap-southeast-1"), "ami-0000000000000dead", "b"));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }
}
