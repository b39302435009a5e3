package dev.ferry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain-HTTP calls need no TLS (no trust store is loaded for them); a redirect to HTTPS still arrives, over TLS. */
class HttpClientTest {
    @TempDir
    Path tmp;

    private static HttpServer plainServer() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.start();
        return s;
    }

    @Test
    void aPlainHttpCallBuildsNoTlsClient() throws Exception {
        HttpServer s = plainServer();
        s.createContext("/a", x -> {
            byte[] body = "plain".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        try (HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()))) {
            String url = "http://127.0.0.1:" + s.getAddress().getPort() + "/a";
            try (Response r = http.call(new Request.Builder().url(url).build()).execute()) {
                assertEquals("plain", r.body().string());
            }
            assertFalse(http.tlsBuilt(), "a plain-HTTP run must not load the trust store");
        } finally {
            s.stop(0);
        }
    }

    /** A registry redirecting a blob GET to HTTPS storage on another host: followed over TLS, without the login. */
    @Test
    void aRedirectToHttpsOnAnotherHostGoesOnOverTlsWithoutTheAuthorizationHeader() throws Exception {
        Path store = tmp.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit", "-alias", "tls",
                "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2").inheritIO().start();
        assertEquals(0, keytool.waitFor());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(ctx));
        AtomicReference<String> authorization = new AtomicReference<>("not asked");
        tls.createContext("/blob", x -> {
            authorization.set(x.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "over tls".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        tls.start();
        HttpServer plain = plainServer();
        plain.createContext("/v2/blob", x -> {
            x.getResponseHeaders().set("Location", "https://localhost:" + tls.getAddress().getPort() + "/blob");
            x.sendResponseHeaders(307, -1);
            x.close();
        });
        String trustStore = System.getProperty("javax.net.ssl.trustStore");
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        try (HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()))) {
            Request get = new Request.Builder().url("http://127.0.0.1:" + plain.getAddress().getPort() + "/v2/blob")
                    .header("Authorization", "Bearer registry-token").build();
            try (Response r = http.call(get).execute()) {
                assertEquals(200, r.code());
                assertEquals("over tls", r.body().string());
            }
            assertTrue(http.tlsBuilt());
            assertNull(authorization.get(), "the registry's token must not reach the storage host");
        } finally {
            if (trustStore == null) {
                System.clearProperty("javax.net.ssl.trustStore");
            } else {
                System.setProperty("javax.net.ssl.trustStore", trustStore);
            }
            System.clearProperty("javax.net.ssl.trustStorePassword");
            plain.stop(0);
            tls.stop(0);
        }
    }
}
