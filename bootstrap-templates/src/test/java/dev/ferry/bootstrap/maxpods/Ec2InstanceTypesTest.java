package dev.ferry.bootstrap.maxpods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.error.FerryException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The live path against a local EC2 Query-API server (JDK HttpServer on 127.0.0.1) answering XML. */
class Ec2InstanceTypesTest {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    @TempDir
    Path cache;
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    Ec2Client ec2;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            requests.add(body);
            String xml;
            int status = 200;
            if (!body.contains("Action=DescribeInstanceTypes")) {
                status = 400;
                xml = error("InvalidAction", "not faked");
            } else if (body.contains("InstanceType.1=m5.large")) {
                xml = "<DescribeInstanceTypesResponse xmlns=\"" + NS + "\"><requestId>r-1</requestId><instanceTypeSet><item>"
                        + "<instanceType>m5.large</instanceType><currentGeneration>true</currentGeneration><bareMetal>false</bareMetal>"
                        + "<hypervisor>nitro</hypervisor><vCpuInfo><defaultVCpus>2</defaultVCpus><defaultCores>1</defaultCores></vCpuInfo>"
                        + "<networkInfo><networkPerformance>Up to 10 Gigabit</networkPerformance><maximumNetworkInterfaces>3</maximumNetworkInterfaces>"
                        + "<maximumNetworkCards>1</maximumNetworkCards><defaultNetworkCardIndex>0</defaultNetworkCardIndex>"
                        + "<networkCards><item><networkCardIndex>0</networkCardIndex><maximumNetworkInterfaces>3</maximumNetworkInterfaces></item></networkCards>"
                        + "<ipv4AddressesPerInterface>10</ipv4AddressesPerInterface><ipv6AddressesPerInterface>10</ipv6AddressesPerInterface></networkInfo>"
                        + "</item></instanceTypeSet></DescribeInstanceTypesResponse>";
            } else if (body.contains("InstanceType.1=denied.large")) {
                status = 403;
                xml = error("UnauthorizedOperation", "You are not authorized to perform this operation.");
            } else {
                status = 400;
                xml = error("InvalidInstanceType", "The following supplied instance types do not exist: [m9.huge]");
            }
            byte[] out = xml.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            ex.sendResponseHeaders(status, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        ec2 = Ec2Client.builder().region(Region.of("cn-north-1"))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }

    static String error(String code, String message) {
        return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>r-2</RequestID></Response>";
    }

    @AfterEach
    void stop() {
        ec2.close();
        server.stop(0);
    }

    private Ec2InstanceTypes source(boolean refresh, Instant now) {
        return new Ec2InstanceTypes(ec2, "cn-north-1", Optional.of(cache), Ec2InstanceTypes.DEFAULT_MAX_AGE, refresh, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void asksEc2OnceThenReadsTheCache() throws Exception {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        InstanceLimits m5 = source(false, now).require("m5.large");
        assertEquals(3, m5.enis());
        assertEquals(10, m5.ipv4PerEni());
        assertEquals(2, m5.vcpus());
        assertEquals("nitro", m5.hypervisor());
        assertEquals(29, MaxPodsCalculator.compute(m5, PodNetworking.DEFAULT, true).maxPods());
        assertEquals(1, requests.size());
        assertTrue(requests.get(0).contains("Version=2016-11-15"), requests.get(0));
        assertTrue(Files.isRegularFile(cache.resolve("cn-north-1/m5.large.json")));

        InstanceLimits again = source(false, now.plus(Duration.ofDays(1))).require("m5.large");
        assertEquals(1, requests.size(), "served from the disk cache");
        assertEquals(m5.enis(), again.enis());
        assertTrue(again.source().contains("cached"), again.source());

        source(false, now.plus(Duration.ofDays(31))).require("m5.large");
        assertEquals(2, requests.size(), "a month-old entry is fetched again");
        source(true, now.plus(Duration.ofDays(31))).require("m5.large");
        assertEquals(3, requests.size(), "--refresh skips the cache");
    }

    @Test
    void unknownTypeNamesTheRegion() {
        LimitsUnavailable e = assertThrows(LimitsUnavailable.class, () -> source(false, Instant.now()).require("m9.huge"));
        assertEquals(LimitsUnavailable.Reason.UNKNOWN_TYPE, e.reason());
        assertEquals("instance type m9.huge is not in EC2 DescribeInstanceTypes in cn-north-1", e.getMessage());
    }

    @Test
    void namesThatCouldLeaveTheCacheFolderAreRefused() {
        assertTrue(source(false, Instant.now()).find("../../etc/passwd").isEmpty());
        assertTrue(requests.isEmpty(), "not even asked");
        FerryException e = assertThrows(FerryException.class, () -> new Ec2InstanceTypes(ec2, "../cn-north-1", Optional.of(cache),
                Ec2InstanceTypes.DEFAULT_MAX_AGE, false, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("is not an AWS region name"), e.getMessage());
    }

    @Test
    void apiErrorsSayWhatToDo() {
        LimitsUnavailable e = assertThrows(LimitsUnavailable.class, () -> source(false, Instant.now()).require("denied.large"));
        assertEquals(LimitsUnavailable.Reason.EC2_REFUSED, e.reason());
        assertEquals("denied.large", e.instanceType());
        assertTrue(e.getMessage().contains("UnauthorizedOperation"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("ec2:DescribeInstanceTypes"), "what to do, in the library's words");
        assertEquals(FerryException.FAILED, e.exitCode());
    }

    @Test
    void noCredentialsSaysHowToGiveThemAndAsksEc2Nothing() {
        try (Ec2Client unsigned = Ec2Client.builder().region(Region.of("cn-north-1"))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(() -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
                }).build()) {
            LimitsUnavailable e = assertThrows(LimitsUnavailable.class, () -> new Ec2InstanceTypes(unsigned, "cn-north-1", Optional.empty(),
                    Ec2InstanceTypes.DEFAULT_MAX_AGE, true, Clock.systemUTC()).require("m5.large"));
            assertEquals(LimitsUnavailable.Reason.EC2_UNREACHABLE, e.reason());
            assertTrue(e.getMessage().startsWith("no AWS credentials for EC2 DescribeInstanceTypes in cn-north-1"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("AWS_PROFILE") && e.hint().orElseThrow().contains("read the limits from a file"),
                    e.hint().orElseThrow());
            assertTrue(requests.isEmpty(), "nothing reached EC2");
        }
    }
}
