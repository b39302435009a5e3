package dev.ferry.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureGroupsTest {
    private static FailureGroups.Failure dns(String key, String url) {
        return new FailureGroups.Failure(key, new Unreachable(url, NetworkFailure.of(new UnknownHostException("x"), url), "hint"));
    }

    @Test
    void oneGroupPerCauseInTheOrderTheyFirstAppear() {
        NetworkFailure refused = NetworkFailure.of(new ConnectException("Connection refused"), "http://127.0.0.1:9/s.sha256");
        List<FailureGroups.Group> groups = FailureGroups.of(List.of(
                dns("a", "https://dl.k8s.io/a"), dns("b", "https://github.com/b"), dns("c", "https://dl.k8s.io/c"),
                new FailureGroups.Failure("d", new NoHashKnown("http://127.0.0.1:9/s", "unread", "h", Optional.of(refused))),
                new FailureGroups.Failure("e", new HashMismatch("https://dl.k8s.io/e", "sha256", "1", "2", "")),
                new FailureGroups.Failure("f", new HashMismatch("https://dl.k8s.io/f", "sha256", "1", "2", ""))));
        assertEquals(List.of("unknown host dl.k8s.io", "unknown host github.com", "connection refused by 127.0.0.1:9",
                "downloaded bytes do not match the expected sha256 (from dl.k8s.io)",
                "downloaded bytes do not match the expected sha256 (from dl.k8s.io)"), groups.stream().map(FailureGroups.Group::cause).toList());
        assertEquals(List.of("a", "c"), groups.get(0).subjects());
        assertEquals(List.of("d"), groups.get(2).subjects(), "a checksum file that could not be read groups by its network cause");
        assertEquals(List.of("e"), groups.get(3).subjects(), "each changed file is a cause of its own");
    }

    @Test
    void targetRefusalsGroupByReason() {
        List<FailureGroups.Group> groups = FailureGroups.of(List.of(
                new FailureGroups.Failure("a", new TargetRefused("s3://b/p", "403 AccessDenied", "cannot upload s3://b/p/a: 403", "h", null)),
                new FailureGroups.Failure("b", new TargetRefused("s3://b/p", "403 AccessDenied", "cannot upload s3://b/p/b: 403", "h", null))));
        assertEquals(1, groups.size());
        assertEquals("s3://b/p refused: 403 AccessDenied", groups.get(0).cause());
    }

    @Test
    void javaClassNamesLeaveMessages() {
        assertEquals("Connection refused", NetworkFailure.withoutClassNames("java.net.ConnectException: Connection refused"));
        assertEquals("unexpected end of stream", NetworkFailure.withoutClassNames("ProtocolException: unexpected end of stream"));
        assertEquals("closed", NetworkFailure.withoutClassNames("closed"));
        assertEquals("failed: Connection reset", NetworkFailure.withoutClassNames("failed: java.net.SocketException: Connection reset"));
    }
}
