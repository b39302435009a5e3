package dev.ferry.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2CallTest {
    private final Ec2Call call = new Ec2Call(new AwsRegion("cn-north-1"), "the policy is in the docs",
            code -> code.equals("InvalidSubnetID.NotFound") ? Optional.of("check the subnet") : Optional.empty());

    private static AwsServiceException answer(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build()).build();
    }

    private Ec2Error failing(String action, RuntimeException e) {
        return assertThrows(Ec2Error.class, () -> call.run(action, () -> {
            throw e;
        }));
    }

    @Test
    void anAnswerPassesThroughAndAnExpectedNotFoundIsEmpty() {
        assertEquals("x", call.run("DescribeVpcs", () -> "x"));
        assertEquals(Optional.empty(), call.runUnless("DescribeVpcs", "InvalidVpcID.NotFound", () -> {
            throw answer(400, "InvalidVpcID.NotFound");
        }));
    }

    @Test
    void aRefusalNamesTheActionTheCodeAndThePermission() {
        Ec2Error e = failing("DescribeSubnets", answer(403, "UnauthorizedOperation"));
        assertEquals(Ec2Error.Reason.REFUSED, e.reason());
        assertEquals("UnauthorizedOperation", e.code());
        assertFalse(e.outcomeUnknown());
        assertEquals("EC2 DescribeSubnets in cn-north-1 failed: UnauthorizedOperation: said UnauthorizedOperation", e.getMessage());
        assertEquals("allow ec2:DescribeSubnets for the identity running Ferry; the policy is in the docs", e.hint().orElseThrow());
        assertEquals("check the subnet", failing("RunInstances", answer(400, "InvalidSubnetID.NotFound")).hint().orElseThrow());
    }

    @Test
    void anInternalErrorMayHaveBeenCarriedOutButThrottlingWasNot() {
        assertTrue(failing("RunInstances", answer(500, "InternalError")).outcomeUnknown());
        Ec2Error throttled = failing("RunInstances", answer(503, "RequestLimitExceeded"));
        assertFalse(throttled.outcomeUnknown());
        assertTrue(throttled.hint().orElseThrow().contains("throttling"), throttled.hint().orElseThrow());
    }

    @Test
    void noCredentialsAndNoAnswerAreToldApart() {
        Ec2Error creds = failing("DescribeVpcs", SdkClientException.create("Unable to load credentials from any of the providers"));
        assertTrue(creds.noCredentials());
        assertFalse(creds.outcomeUnknown(), "nothing was sent");
        assertEquals("the policy is in the docs", creds.access());
        assertTrue(creds.hint().orElseThrow().endsWith("AWS_SECRET_ACCESS_KEY; the policy is in the docs"), creds.hint().orElseThrow());
        Ec2Error down = failing("RunInstances", SdkClientException.create("Connect timed out"));
        assertEquals(Ec2Error.Reason.UNREACHABLE, down.reason());
        assertTrue(down.outcomeUnknown(), "the request may have arrived");
        assertEquals("ec2.cn-north-1.amazonaws.com.cn", down.endpointHost());
    }
}
