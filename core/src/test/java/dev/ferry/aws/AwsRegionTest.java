package dev.ferry.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import org.junit.jupiter.api.Test;

class AwsRegionTest {
    @Test
    void chinaRegionsAreInTheAwsCnPartitionWithTheirOwnDnsSuffix() {
        AwsRegion bj = AwsRegion.parse("cn-north-1", "--region");
        assertEquals("aws-cn", bj.partition());
        assertEquals("amazonaws.com.cn", bj.dnsSuffix());
        assertTrue(bj.isChina());
        assertEquals("aws-cn", AwsRegion.parse("cn-northwest-1", "--region").partition());
        assertEquals("arn:aws-cn:s3:::my-bucket/kops/*", bj.globalArn("s3", "my-bucket/kops/*"));
        assertEquals("arn:aws-cn:ecr:cn-north-1:123456789012:repository/kops", bj.arn("ecr", "123456789012", "repository/kops"));
    }

    @Test
    void otherPartitions() {
        assertEquals("aws", new AwsRegion("eu-central-1").partition());
        assertEquals("amazonaws.com", new AwsRegion("us-east-1").dnsSuffix());
        assertEquals("aws-us-gov", new AwsRegion("us-gov-west-1").partition());
        assertFalse(new AwsRegion("ap-southeast-5").isChina(), "a region newer than the SDK's table still gets its partition");
    }

    @Test
    void aNameThatIsNoRegionIsBadInput() {
        BadInput e = assertThrows(BadInput.class, () -> AwsRegion.parse("beijing", "--region"));
        assertTrue(e.getMessage().contains("--region 'beijing'"), e.getMessage());
        assertThrows(BadInput.class, () -> AwsRegion.parse("cn-north-", "--region"));
        assertEquals("cn-north-1", AwsRegion.parse(" cn-north-1 ", "--region").name());
    }
}
