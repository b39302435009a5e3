package dev.ferry.registry.support;

import dev.ferry.format.Json;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Multi-platform test images made on the spot as OCI layouts: random gzipped tar layers, a config per platform
 * (linux/amd64, linux/arm64), and an OCI index or a Docker manifest list on top.
 */
public final class TestImages {
    private TestImages() {}

    /**
     * @param layout   the layout folder (one image, listed without a name: skopeo reads it as {@code oci:DIR})
     * @param digest   the top index's digest
     * @param children each platform's manifest digest
     * @param blobs    every config and layer
     */
    public record TestImage(Path layout, Digest digest, String mediaType, List<Digest> children, List<Descriptor> blobs) {
        /** The largest layer. */
        public Descriptor largest() {
            return blobs.stream().max(java.util.Comparator.comparingLong(Descriptor::size)).orElseThrow();
        }

        public long bytes() {
            return blobs.stream().mapToLong(Descriptor::size).sum();
        }
    }

    /**
     * An image for linux/amd64 and linux/arm64 with layers of the given sizes (bytes of random content).
     *
     * @param docker a Docker manifest list of Docker v2 manifests, else an OCI index of OCI manifests
     */
    public static TestImage generate(Path layout, boolean docker, long seed, int[] amd64Layers, int[] arm64Layers) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Random random = new Random(seed);
        List<Descriptor> blobs = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Digest> children = new ArrayList<>();
        for (String arch : List.of("amd64", "arm64")) {
            Descriptor m = platform(layout, docker, arch, arch.equals("amd64") ? amd64Layers : arm64Layers, random, blobs);
            Map<String, Object> e = descriptor(m);
            e.put("platform", Map.of("architecture", arch, "os", "linux"));
            entries.add(e);
            children.add(m.digest());
        }
        String type = docker ? MediaTypes.DOCKER_LIST : MediaTypes.OCI_INDEX;
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", type);
        index.put("manifests", entries);
        Descriptor top = write(layout, type, Json.write(index).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> layoutIndex = new LinkedHashMap<>();
        layoutIndex.put("schemaVersion", 2);
        layoutIndex.put("manifests", List.of(descriptor(top)));
        Files.writeString(layout.resolve("index.json"), Json.write(layoutIndex));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return new TestImage(layout, top.digest(), type, children, blobs);
    }

    /**
     * For {@code bench/images.sh}: {@code TestImages DIR COUNT MIB [BIG_MIB]} writes COUNT images of about MIB MiB
     * each (alternately OCI index and Docker list; layers of 1/2, 1/4, 1/16, 1/64 of MIB for amd64 and 1/8, 1/32
     * for arm64) as layouts {@code DIR/img-N}, plus {@code DIR/img-big} with one BIG_MIB layer when given. Existing
     * layouts are kept, so a second run reuses them.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int mib = Integer.parseInt(args[2]);
        int m = mib << 20;
        for (int i = 1; i <= count; i++) {
            Path layout = dir.resolve("img-" + i);
            if (!Files.exists(layout.resolve("index.json"))) {
                generate(layout, i % 2 == 0, i, new int[] {m / 2, m / 4, m / 16, m / 64}, new int[] {m / 8, m / 32});
            }
        }
        if (args.length > 3 && !Files.exists(dir.resolve("img-big/index.json"))) {
            generate(dir.resolve("img-big"), false, 99, new int[] {Integer.parseInt(args[3]) << 20, 1 << 20}, new int[] {1 << 20});
        }
    }

    private static Descriptor platform(Path layout, boolean docker, String arch, int[] sizes, Random random, List<Descriptor> blobs) throws IOException {
        List<Map<String, Object>> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] content = new byte[sizes[i]];
            random.nextBytes(content);
            byte[] tar = tar("layer-" + arch + "-" + i + ".bin", content);
            diffIds.add(Digest.sha256(tar).toString());
            Descriptor d = write(layout, docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar+gzip", gzip(tar));
            blobs.add(d);
            layers.add(descriptor(d));
        }
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", arch);
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("/layer-" + arch + "-0.bin")));
        config.put("rootfs", rootfs);
        Descriptor c = write(layout, docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json",
                Json.write(config).getBytes(StandardCharsets.UTF_8));
        blobs.add(c);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST);
        manifest.put("config", descriptor(c));
        manifest.put("layers", layers);
        return write(layout, docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
    }

    private static Descriptor write(Path layout, String type, byte[] bytes) throws IOException {
        Digest d = Digest.sha256(bytes);
        Files.write(layout.resolve("blobs/sha256").resolve(d.hex()), bytes);
        return Descriptor.of(type, d, bytes.length);
    }

    private static Map<String, Object> descriptor(Descriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaType", d.mediaType());
        m.put("digest", d.digest().toString());
        m.put("size", d.size());
        return m;
    }

    /** A ustar archive of one file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void put(byte[] b, int at, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, b, at, v.length);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 1024);
        try (OutputStream gz = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
