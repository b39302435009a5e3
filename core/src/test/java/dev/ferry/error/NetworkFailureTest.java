package dev.ferry.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class NetworkFailureTest {
    @Test
    void wordsForPeopleNotJavaClassNames() {
        NetworkFailure dns = NetworkFailure.of(new UnknownHostException("dl.k8s.io: Name or service not known"), "https://dl.k8s.io/release/x");
        assertEquals("unknown host dl.k8s.io", dns.describe());
        assertFalse(dns.transientFailure());
        NetworkFailure refused = NetworkFailure.of(new ConnectException("Failed to connect to /127.0.0.1:9"), "http://127.0.0.1:9/x");
        assertEquals("connection refused by 127.0.0.1:9", refused.describe());
        NetworkFailure slow = NetworkFailure.of(new SocketTimeoutException("timeout"), "https://github.com/a");
        assertEquals("timed out (github.com)", slow.describe());
        assertTrue(slow.transientFailure());
        assertFalse(NetworkFailure.of(new IOException("x"), "https://a/b").describe().contains("IOException"));
    }

    @Test
    void statusesGroupByHostAndCode() {
        NetworkFailure a = NetworkFailure.status(404, "https://dl.k8s.io/a");
        NetworkFailure b = NetworkFailure.status(404, "https://dl.k8s.io/b");
        assertEquals(a.causeKey(), b.causeKey());
        assertEquals("HTTP 404 from dl.k8s.io", a.describe());
        assertFalse(a.transientFailure());
        assertTrue(NetworkFailure.status(503, "https://x/").transientFailure());
        assertTrue(NetworkFailure.status(429, "https://x/").transientFailure());
    }
}
