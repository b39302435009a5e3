package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.image.fake.FakeEc2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A build that fails shortly after CreateImage meets EC2's eventual consistency (DeregisterImage answering NotFound,
 * DeleteSnapshot answering InUse) and still leaves no AMI and no snapshot; a re-run never adopts an unfinished AMI.
 */
class HalfMadeAmiTest extends BuildFixtureTest {
    private static final String NAME = "kops-node-1.30.0-20261122";
    /** Only the two source AMIs and their snapshots. */
    private void assertNoAmiLeft() {
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty(), "no AMI of the build: " + f.ec2.liveImages(BuildFixture.REGION));
        assertEquals(2, f.ec2.snapshots.size(), "no snapshot of the build: " + f.ec2.snapshots.keySet());
    }

    @Test
    void anAmiThatTimedOutIsDeregisteredThroughNotFoundAndItsSnapshotThroughInUse() throws Exception {
        f.ec2.imageNotFoundDescribes = Integer.MAX_VALUE; // DescribeImages never shows it within waits.image
        f.ec2.imageDeregisterNotFound = 3;
        f.ec2.snapshotInUseAfterDeregister = 2;
        FerryException e = assertThrows(FerryException.class,
                () -> f.build(f.config(f.yaml(f.markerBake()).replace("  image: 20s", "  image: 300ms"))));
        assertTrue(e.getMessage().contains("timed out after 300ms waiting for ami-"), e.getMessage());
        assertNoAmiLeft();
        assertEquals(4, f.ec2.calls("DeregisterImage").size(), "three NotFound, then deregistered");
        assertEquals(3, f.ec2.calls("DeleteSnapshot").size(), "two InUse, then deleted");
        assertTrue(f.warnings.stream().noneMatch(w -> w.startsWith("cleanup left")), f.warnings.toString());
        f.assertCleanedUp();
    }

    @Test
    void aFailureRightAfterTheAmiIsAvailableStillRemovesIt() throws Exception {
        // the build-state tag is the last step: without it the AMI is half-made and goes
        f.ec2.afterCall("CreateImage", () -> f.ec2.alwaysFail("CreateTags", 403, "UnauthorizedOperation", "not authorized"));
        f.ec2.imageDeregisterNotFound = 2;
        Ec2Error e = assertThrows(Ec2Error.class, () -> f.buildMarkerBake());
        assertEquals("UnauthorizedOperation", e.code());
        assertTrue(e.getMessage().startsWith("EC2 CreateTags in "), e.getMessage());
        assertNoAmiLeft();
        f.assertCleanedUp();
    }

    @Test
    void aFinishedAmiAndItsCopiesAreMarkedCompleteAndAReRunAdoptsThem() throws Exception {
        String yaml = f.yaml(f.markerBake(), "copyTo: [cn-northwest-1]", f.builder.port());
        BuildResult first = f.build(f.config(yaml));
        FakeEc2.Image ami = f.ec2.images.get(first.amis().get(BuildFixture.REGION));
        assertEquals(BuildTags.COMPLETE, ami.tags.get(BuildTags.BUILD_STATE));
        assertEquals(BuildTags.COMPLETE, f.ec2.images.get(first.amis().get("cn-northwest-1")).tags.get(BuildTags.BUILD_STATE));

        BuildResult again = f.build(f.config(yaml));
        assertTrue(again.skipped());
        assertEquals(first.amis(), again.amis());
        assertEquals(1, f.ec2.calls("RunInstances").size());
    }

    @Test
    void aReRunRefusesAnAmiWhoseBuildDidNotFinish() throws Exception {
        // what a killed build (kill -9: no cleanup) leaves: its AMI, tagged with its build id, not marked complete
        f.ec2.addImage(BuildFixture.REGION, "ami-0half0000000000001", NAME, FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        f.ec2.images.get("ami-0half0000000000001").tags.put(BuildTags.BUILD_ID, "ferry-20261122T000000-0000");
        UnfinishedImage e = assertThrows(UnfinishedImage.class, () -> f.buildMarkerBake());
        assertEquals("an AMI named '" + NAME + "' already exists in cn-north-1 (ami-0half0000000000001, available) but is not "
                + "marked ferry.build-state=complete: its build ferry-20261122T000000-0000 did not finish, or is still running "
                + "elsewhere", e.getMessage());
        assertEquals("ami-0half0000000000001", e.imageId());
        assertEquals(BuildFixture.REGION, e.region());
        assertEquals("'aws ec2 deregister-image --region cn-north-1 --image-id ami-0half0000000000001' and delete its snapshots", e.removal());
        assertTrue(f.ec2.calls("RunInstances").isEmpty(), "nothing launched");
        assertTrue(f.ec2.images.containsKey("ami-0half0000000000001"), "nothing deregistered without --force");

        BuildResult forced = f.build(f.config(f.yaml(f.markerBake())), BuildFixture.options().withForce(true));
        assertFalse(f.ec2.images.containsKey("ami-0half0000000000001"), "--force replaced it");
        assertEquals(List.of(forced.amis().get(BuildFixture.REGION)), f.ec2.liveImages(BuildFixture.REGION).stream().map(i -> i.id).toList());
    }

    @Test
    void aReRunRefusesAnAmiFerryDidNotBuild() throws Exception {
        f.ec2.addImage(BuildFixture.REGION, "ami-0hand0000000000001", NAME, FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        UnfinishedImage e = assertThrows(UnfinishedImage.class, () -> f.buildMarkerBake());
        assertEquals("ami-0hand0000000000001", e.imageId());
        assertTrue(e.getMessage().endsWith("it carries no ferry.build-id tag, so Ferry did not build it"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--tags Key=ferry.build-state,Value=complete"), e.hint().orElseThrow());
        assertTrue(f.ec2.calls("RunInstances").isEmpty());
    }
}
