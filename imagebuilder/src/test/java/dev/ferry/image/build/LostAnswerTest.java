package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.image.fake.FakeEc2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EC2 carried out RunInstances or CreateImage but its answer never arrived (the fake closes the connection): never a
 * second builder or AMI, and what was made is found, used and cleaned up. The fixture's SDK makes 4 attempts.
 */
class LostAnswerTest extends BuildFixtureTest {
    /**
     * Loses the answers of {@code action}, and fails the build's own look-up ({@code lookUp}) for what it made, so
     * only cleanup can find it.
     */
    private void buildWhoseLookUpFails(String action, int lost, String lookUp) {
        f.ec2.loseAnswers(action, lost);
        f.ec2.afterCall(action, () -> f.ec2.failNext(lookUp, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.", 1));
        Ec2Error e = assertThrows(Ec2Error.class, () -> f.buildMarkerBake());
        assertEquals("UnauthorizedOperation", e.code());
        assertTrue(e.getMessage().startsWith("EC2 " + lookUp + " in "), e.getMessage());
    }

    /** A build during which EC2 loses its first {@code lost} answers to {@code action}; the SDK called it {@code calls} times. */
    private BuildResult buildLosing(String action, int lost, int calls, String why) {
        f.ec2.loseAnswers(action, lost);
        BuildResult r = f.buildMarkerBake();
        assertEquals(calls, f.ec2.calls(action).size(), why);
        return r;
    }

    private List<String> tokens() {
        return f.ec2.calls("RunInstances").stream().map(c -> c.get("ClientToken")).distinct().toList();
    }

    @Test
    void aLostRunInstancesAnswerIsRetriedWithTheSameClientToken() throws Exception {
        buildLosing("RunInstances", 1, 2, "the SDK retried");
        assertEquals(1, tokens().size(), "with the same client token");
        assertEquals(1, f.ec2.instances.size(), "the client token made the retry return the same builder");
        f.assertCleanedUp();
    }

    @Test
    void whenEveryRunInstancesAnswerIsLostTheBuilderIsFoundByItsClientToken() throws Exception {
        BuildResult r = buildLosing("RunInstances", 4, 4, "every attempt of the SDK lost its answer");
        assertEquals(1, f.ec2.instances.size(), "one builder");
        assertTrue(f.ec2.calls("DescribeInstances").stream().anyMatch(c -> tokens().get(0).equals(c.get("Filter.1.Value.1"))),
                "looked up by its client token");
        assertTrue(f.warnings.stream().anyMatch(w -> w.startsWith("no answer from RunInstances")), f.warnings.toString());
        assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size(), "the build carried on with the builder it found");
        assertTrue(r.leftovers().isEmpty());
        f.assertCleanedUp();
    }

    @Test
    void aBuilderWhoseAnswerWasLostIsFoundAndTerminatedByCleanup() throws Exception {
        buildWhoseLookUpFails("RunInstances", 4, "DescribeInstances");
        assertEquals(1, f.ec2.instances.size(), "one builder was launched");
        FakeEc2.Call terminate = f.ec2.calls("TerminateInstances").get(0);
        assertEquals(f.ec2.instances.keySet().iterator().next(), terminate.get("InstanceId.1"), "cleanup found it by token or tag");
        f.assertCleanedUp();
    }

    @Test
    void aLostCreateImageAnswerLeavesOneAmi() throws Exception {
        BuildResult r = buildLosing("CreateImage", 1, 2, "the SDK retried and got InvalidAMIName.Duplicate");
        List<FakeEc2.Image> amis = f.ec2.liveImages(BuildFixture.REGION);
        assertEquals(1, amis.size(), "the AMI of the lost answer, no second one");
        assertEquals(amis.get(0).id, r.amis().get(BuildFixture.REGION));
        assertEquals(BuildTags.COMPLETE, amis.get(0).tags.get(BuildTags.BUILD_STATE));
        assertTrue(f.warnings.stream().anyMatch(w -> w.contains("InvalidAMIName.Duplicate")), f.warnings.toString());
        f.assertCleanedUp();
    }

    @Test
    void anAmiWhoseAnswerWasLostIsFoundByItsTagAndRemovedByCleanup() throws Exception {
        f.ec2.imageDeregisterNotFound = 2;
        buildWhoseLookUpFails("CreateImage", 1, "DescribeImages");
        assertEquals(2, f.ec2.calls("CreateImage").size(), "the lost one, and the SDK's retry answered InvalidAMIName.Duplicate");
        assertTrue(f.ec2.calls("DescribeImages").stream().anyMatch(c -> "tag:ferry.build-id".equals(c.get("Filter.1.Name"))),
                "cleanup looked the AMI up by its build id");
        assertEquals(3, f.ec2.calls("DeregisterImage").size(), "deregistration retried through InvalidAMIID.NotFound");
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty(), "the AMI nobody heard of is deregistered");
        assertEquals(2, f.ec2.snapshots.size(), "and its snapshot deleted; the two source AMIs' remain");
        f.assertCleanedUp();
    }

    @Test
    void anAmiNameTakenByAnotherBuildIsNotAdopted() throws Exception {
        // another run's AMI of the same name, not yet listed when this build looked for it
        f.ec2.addImage(BuildFixture.REGION, "ami-0other00000000001", "kops-node-1.30.0-20261122", FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        FakeEc2.Image other = f.ec2.images.get("ami-0other00000000001");
        other.notFoundLeft = 1;
        other.tags.put(BuildTags.BUILD_ID, "ferry-20261122T000000-0000");
        FerryException e = assertThrows(FerryException.class, () -> f.buildMarkerBake());
        assertEquals("the AMI name 'kops-node-1.30.0-20261122' in cn-north-1 is taken by ami-0other00000000001 of build "
                + "ferry-20261122T000000-0000, not by this build " + f.ec2.instances.values().iterator().next().tags.get(BuildTags.BUILD_ID),
                e.getMessage());
        assertEquals(List.of(other), f.ec2.liveImages(BuildFixture.REGION).stream().filter(i -> i.name.startsWith("kops")).toList(),
                "the other build's AMI is left alone, none is added");
        f.assertCleanedUp();
    }
}
