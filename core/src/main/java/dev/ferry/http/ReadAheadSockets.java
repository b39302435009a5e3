package dev.ferry.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Sockets for the OkHttp client that read from the kernel in large pieces and keep the read timeout themselves.
 *
 * <p>Okio asks a socket for at most one 8 KiB segment per read, and puts every read under its own timeout (a lock
 * and a watchdog queue shared by all threads). At 1 GiB/s that is 130,000 system calls and as many timeout
 * entries a second, about as much CPU as sha256 of the same bytes. These sockets read up to {@link #READ_AHEAD}
 * bytes per system call and hand them out from memory, and they enforce the read timeout in the kernel
 * ({@code SO_TIMEOUT}), so the client runs with no per-read Okio timeout at all: a read that blocks longer than
 * the timeout still fails with a {@link java.net.SocketTimeoutException}, as before.
 */
final class ReadAheadSockets extends SocketFactory {
    /** Bytes asked of the kernel per read: a good share of a loaded socket's receive buffer. */
    static final int READ_AHEAD = 256 * 1024;

    private final int readTimeoutMillis;

    /** @param readTimeoutMillis the longest a read may block; 0 for no limit */
    ReadAheadSockets(int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Socket createSocket() throws SocketException {
        return new ReadAheadSocket(readTimeoutMillis);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(InetAddress.getByName(host), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** OkHttp creates unconnected sockets and connects them itself; these forms are for other callers. */
    private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
        Socket s = new ReadAheadSocket(readTimeoutMillis);
        if (from != null) {
            s.bind(from);
        }
        s.connect(to);
        return s;
    }

    /**
     * A plain socket whose input is read ahead, and whose "no timeout" (what the client asks for, having none of
     * its own) means the configured read timeout. Other values (OkHttp's 1 ms health check) are kept as asked.
     */
    static final class ReadAheadSocket extends Socket {
        private final int readTimeoutMillis;
        private InputStream in;
        private OutputStream out;

        ReadAheadSocket(int readTimeoutMillis) throws SocketException {
            this.readTimeoutMillis = readTimeoutMillis;
            super.setSoTimeout(readTimeoutMillis);
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            super.setSoTimeout(timeout == 0 ? readTimeoutMillis : timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new ReadAhead(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                // Okio writes a socket 8 KiB at a time, and the peer then wakes and reads 8 KiB at a time too; this
                // gathers them into writes of up to READ_AHEAD, sent at the latest on the flush every HTTP request
                // (and every TLS record) ends with
                out = new BufferedOutputStream(super.getOutputStream(), READ_AHEAD);
            }
            return out;
        }
    }

    /** Serves small reads from one large read of the stream below; one reader at a time, as a socket has. */
    static final class ReadAhead extends InputStream {
        private final InputStream raw;
        private final byte[] buf = new byte[READ_AHEAD];
        private int pos;
        private int limit;

        ReadAhead(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit) {
                if (len >= buf.length) {
                    return raw.read(b, off, len); // a large read gains nothing from the copy
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = raw.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public int available() throws IOException {
            return limit - pos + raw.available();
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
