package dev.ferry.bootstrap.maxpods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import org.junit.jupiter.api.Test;

class InstanceTypesFileTest {
    /** Shaped like `aws ec2 describe-instance-types --instance-types m5.large c6in.32xlarge m4.large` (fields trimmed). */
    static final String JSON = """
            {
                "InstanceTypes": [
                    {
                        "InstanceType": "m5.large",
                        "CurrentGeneration": true,
                        "Hypervisor": "nitro",
                        "BareMetal": false,
                        "VCpuInfo": {"DefaultVCpus": 2, "DefaultCores": 1, "DefaultThreadsPerCore": 2},
                        "NetworkInfo": {
                            "NetworkPerformance": "Up to 10 Gigabit",
                            "MaximumNetworkInterfaces": 3,
                            "MaximumNetworkCards": 1,
                            "DefaultNetworkCardIndex": 0,
                            "NetworkCards": [{"NetworkCardIndex": 0, "NetworkPerformance": "Up to 10 Gigabit", "MaximumNetworkInterfaces": 3}],
                            "Ipv4AddressesPerInterface": 10,
                            "Ipv6AddressesPerInterface": 10,
                            "Ipv6Supported": true
                        }
                    },
                    {
                        "InstanceType": "c6in.32xlarge",
                        "Hypervisor": "nitro",
                        "BareMetal": false,
                        "VCpuInfo": {"DefaultVCpus": 128},
                        "NetworkInfo": {
                            "MaximumNetworkInterfaces": 16,
                            "DefaultNetworkCardIndex": 0,
                            "NetworkCards": [
                                {"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 8},
                                {"NetworkCardIndex": 1, "MaximumNetworkInterfaces": 8}
                            ],
                            "Ipv4AddressesPerInterface": 50
                        }
                    },
                    {
                        "InstanceType": "m4.large",
                        "Hypervisor": "xen",
                        "BareMetal": false,
                        "VCpuInfo": {"DefaultVCpus": 2},
                        "NetworkInfo": {"MaximumNetworkInterfaces": 2, "Ipv4AddressesPerInterface": 10}
                    }
                ]
            }
            """;

    @Test
    void readsTheAwsCliOutput() {
        InstanceTypesFile f = InstanceTypesFile.parse(JSON, "types.json");
        assertEquals(3, f.size());
        InstanceLimits m5 = f.require("m5.large");
        assertEquals(29, MaxPodsCalculator.compute(m5, PodNetworking.DEFAULT, true).maxPods());
        InstanceLimits c6in = f.require("c6in.32xlarge");
        assertEquals(8, c6in.enis(), "default card only");
        assertEquals(250, MaxPodsCalculator.compute(c6in, PodNetworking.DEFAULT, true).maxPods());
        InstanceLimits m4 = f.require("m4.large");
        assertEquals("xen", m4.hypervisor());
        assertEquals(2, m4.enis(), "no NetworkCards list: MaximumNetworkInterfaces");
    }

    @Test
    void unknownTypeNamesTheFile() {
        LimitsUnavailable e = assertThrows(LimitsUnavailable.class, () -> InstanceTypesFile.parse(JSON, "types.json").require("m9.huge"));
        assertEquals(LimitsUnavailable.Reason.UNKNOWN_TYPE, e.reason());
        assertEquals("m9.huge", e.instanceType());
        assertEquals("instance type m9.huge is not in file types.json", e.getMessage());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertThrows(FerryException.class, () -> InstanceTypesFile.parse(JSON, "types.json").require("m5.large; rm -rf /"));
    }

    @Test
    void brokenFilesAreReportedWithTheirLine() {
        FerryException e = assertThrows(FerryException.class, () -> InstanceTypesFile.parse("{\"InstanceTypes\": [\n{\"InstanceType\": \"m5.large\"}\n]}", "t.json"));
        assertTrue(e.getMessage().startsWith("t.json:2: missing 'NetworkInfo'"), e.getMessage());
        FerryException syntax = assertThrows(FerryException.class, () -> InstanceTypesFile.parse("{\"InstanceTypes\": [\n{,,}", "t.json"));
        assertTrue(syntax.getMessage().startsWith("t.json:2: not valid YAML"), syntax.getMessage());
    }
}
