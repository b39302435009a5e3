package dev.ferry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The read-ahead sockets give back every byte in order, send every byte written by the flush, and a read that stalls still times out. */
class ReadAheadSocketsTest {

    @Test
    void smallReadsGetEveryByteOfABodyWrittenInOddPieces() throws Exception {
        byte[] body = new byte[3 * ReadAheadSockets.READ_AHEAD + 12_345];
        new Random(1).nextBytes(body);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    Random sizes = new Random(2);
                    for (int at = 0; at < body.length; ) {
                        int n = Math.min(body.length - at, 1 + sizes.nextInt(70_000));
                        out.write(body, at, n);
                        at += n;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (Socket s = new ReadAheadSockets(5_000).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192]; // what Okio asks for
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            }
            sender.join();
            assertArrayEquals(body, got.toByteArray());
        }
    }

    @Test
    void smallWritesAreGatheredUntilFlushAndArriveWholeAndInOrder() throws Exception {
        byte[] body = new byte[3 * ReadAheadSockets.READ_AHEAD + 54_321];
        new Random(3).nextBytes(body);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new ReadAheadSockets(5_000).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            OutputStream out = s.getOutputStream();
            out.write(body, 0, 8192); // what Okio writes at a time: held back until flush
            out.write(body[8192]);
            peer.setSoTimeout(300);
            InputStream in = peer.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read);
            out.flush();
            peer.setSoTimeout(5_000);
            assertArrayEquals(java.util.Arrays.copyOf(body, 8193), in.readNBytes(8193));
            Random sizes = new Random(4);
            for (int at = 8193; at < body.length; ) {
                int n = Math.min(body.length - at, 1 + sizes.nextInt(sizes.nextBoolean() ? 9_000 : 2 * ReadAheadSockets.READ_AHEAD));
                out.write(body, at, n);
                at += n;
            }
            out.flush();
            assertArrayEquals(java.util.Arrays.copyOfRange(body, 8193, body.length), in.readNBytes(body.length - 8193));
        }
    }

    @Test
    void noTimeoutAsAskedByTheClientMeansTheConfiguredReadTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new ReadAheadSockets(200).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket silent = server.accept()) {
            s.setSoTimeout(0); // what OkHttp asks for when it keeps no read timeout of its own
            assertEquals(200, s.getSoTimeout());
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            s.setSoTimeout(1); // OkHttp's health check asks for 1 ms and gets it
            assertEquals(1, s.getSoTimeout());
        }
    }

    @Test
    void aDownloadThatStallsFailsWithATimeoutThroughTheClient() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stall", ex -> {
            ex.sendResponseHeaders(200, 1_000_000);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[100_000]);
                out.flush();
                release.await(10, TimeUnit.SECONDS); // the rest never comes while the client waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        try (Response r = http.ok().newCall(new Request.Builder()
                .url("http://127.0.0.1:" + server.getAddress().getPort() + "/stall").build()).execute()) {
            InputStream in = r.body().byteStream();
            assertThrows(SocketTimeoutException.class, () -> in.readAllBytes());
        } finally {
            release.countDown();
            http.close();
            server.stop(0);
        }
    }
}
