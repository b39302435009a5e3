// The benchmark's bucket: S3Proxy on 127.0.0.1 storing objects in a folder, with bucket "bench".
// Run with the JDK's source launcher on S3Proxy's class path (see sync-bench.sh):
//   java -cp "$(cat bench/out/s3proxy.cp)" bench/S3ProxyServer.java DIR PORT_FILE
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

public class S3ProxyServer {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir.resolve("bench"));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
                // awscli signs a whole single-part body over plain HTTP (no aws-chunked), which S3Proxy holds in memory
                // to check; by default it refuses such bodies over 128 MiB. The benchmark's largest file is 1 GiB.
                .v4MaxNonChunkedRequestSize(5L << 30)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        Files.writeString(Path.of(args[1]), Integer.toString(proxy.getPort()));
    }
}
