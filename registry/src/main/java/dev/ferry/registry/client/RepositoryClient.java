package dev.ferry.registry.client;

import dev.ferry.error.FerryException;
import dev.ferry.error.HashMismatch;
import dev.ferry.registry.oci.CheckedBlobStream.BlobMismatch;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.oci.MediaTypes;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import dev.ferry.registry.store.SourceFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One repository of a registry: manifests by tag or digest with their exact bytes and media type, blobs by
 * digest (HEAD, GET with {@code Range}, upload, cross-repository mount).
 */
public final class RepositoryClient implements ImageSource, ImageTarget {
    private final RegistryClient registry;
    private final String name;
    private final Role role;
    private final List<String> scopes;

    RepositoryClient(RegistryClient registry, String name, Role role) {
        this.registry = registry;
        this.name = name;
        this.role = role;
        this.scopes = List.of("repository:" + name + (role == Role.TARGET ? ":pull,push" : ":pull"));
    }

    public String name() {
        return name;
    }

    public RegistryClient registry() {
        return registry;
    }

    @Override
    public String describe() {
        return registry.name() + "/" + name;
    }

    private HttpUrl url(String path) {
        return registry.endpoint().url("/v2/" + name + path);
    }

    @Override
    public Optional<Manifest> manifest(String reference, String mediaType) {
        HttpUrl url = url("/manifests/" + reference);
        return guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(url).get()
                    .header("Accept", MediaTypes.accept(mediaType)).header("Accept-Encoding", "identity"), scopes)) {
                if (r.code() == 404) {
                    return Optional.<Manifest>empty();
                }
                if (r.code() != 200) {
                    throw RegistryErrors.of(r, role, describe(), "read the manifest " + reference);
                }
                byte[] bytes = Bodies.read(r.body(), Manifest.MAX_BYTES, "the manifest at " + url);
                return Optional.of(checked(bytes, r, reference, url.toString()));
            }
        }, url.toString()));
    }

    /** The manifest as served, checked against the digest asked for and the one the registry says it has. */
    private static Manifest checked(byte[] bytes, Response r, String reference, String url) {
        Optional<Digest> asked = Digest.looksLikeDigest(reference) ? Optional.of(Digest.parse(reference)) : Optional.empty();
        Optional<Digest> said = Optional.ofNullable(r.header("Docker-Content-Digest")).filter(Digest::looksLikeDigest).map(Digest::parse);
        String algorithm = asked.or(() -> said).map(Digest::algorithm).orElse("sha256");
        Manifest m = Manifest.of(bytes, r.header("Content-Type"), algorithm, url);
        for (Optional<Digest> want : List.of(asked, said)) {
            if (want.isPresent() && want.get().algorithm().equals(algorithm) && !want.get().equals(m.digest())) {
                throw new HashMismatch(url, algorithm, want.get().hex(), m.digest().hex(),
                        want == asked ? "the registry served other bytes for this digest" : "the bytes differ from the registry's Docker-Content-Digest");
            }
        }
        return m;
    }

    @Override
    public Optional<Digest> manifestDigest(String reference) {
        HttpUrl url = url("/manifests/" + reference);
        Optional<String> said = guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(url).head().header("Accept", MediaTypes.accept("")), scopes)) {
                if (r.code() == 404) {
                    return Optional.<String>empty();
                }
                if (r.code() != 200) {
                    throw RegistryErrors.of(r, role, describe(), "look up the manifest " + reference);
                }
                return Optional.of(Optional.ofNullable(r.header("Docker-Content-Digest")).orElse(""));
            }
        }, url.toString()));
        if (said.isEmpty()) {
            return Optional.empty();
        }
        if (Digest.looksLikeDigest(said.get())) {
            return Optional.of(Digest.parse(said.get()));
        }
        return manifest(reference, "").map(Manifest::digest); // a registry that does not say: hash it ourselves
    }

    @Override
    public boolean hasBlob(Descriptor blob) {
        HttpUrl url = url("/blobs/" + blob.digest());
        return guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(url).head(), scopes)) {
                if (r.code() == 404) {
                    return false;
                }
                if (r.code() != 200) {
                    throw RegistryErrors.of(r, role, describe(), "look up the blob " + blob.digest());
                }
                return true;
            }
        }, url.toString()));
    }

    @Override
    public InputStream blob(Descriptor blob, long offset) {
        HttpUrl url = url("/blobs/" + blob.digest());
        Response r;
        try {
            r = guarded(() -> registry.send(() -> {
                Request.Builder b = new Request.Builder().url(url).get().header("Accept-Encoding", "identity");
                return offset > 0 ? b.header("Range", "bytes=" + offset + "-") : b;
            }, scopes));
        } catch (IOException e) {
            throw RegistryErrors.of(e, url.toString());
        }
        if (r.code() != 200 && r.code() != 206) {
            try (r) {
                throw RegistryErrors.of(r, role, describe(), "read the blob " + blob.digest());
            }
        }
        ResponseBody body = r.body();
        InputStream in = body.byteStream();
        try {
            if (r.code() == 200 && offset > 0) {
                in.skipNBytes(offset); // the server ignored Range: skip what was already read
            } else if (r.code() == 206 && !String.valueOf(r.header("Content-Range")).startsWith("bytes " + offset + "-")) {
                r.close();
                throw new FerryException(url + " resumed at another offset than asked (" + r.header("Content-Range") + ")", "run again");
            }
        } catch (IOException e) {
            r.close();
            throw RegistryErrors.of(e, url.toString());
        }
        return in;
    }

    @Override
    public boolean mountBlob(Descriptor blob, ImageTarget other) {
        if (!(other instanceof RepositoryClient from) || from.registry != registry || from.name.equals(name)) {
            return false;
        }
        HttpUrl url = url("/blobs/uploads/").newBuilder().addQueryParameter("mount", blob.digest().toString())
                .addQueryParameter("from", from.name).build();
        List<String> both = List.of(scopes.get(0), "repository:" + from.name + ":pull");
        return guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(url).post(RequestBody.create(new byte[0])), both)) {
                if (r.code() == 201) {
                    return true;
                }
                if (r.code() == 202) {
                    cancel(location(r)); // the registry would rather have the bytes
                    return false;
                }
                throw RegistryErrors.of(r, role, describe(), "mount the blob " + blob.digest() + " from " + from.name);
            }
        }, url.toString()));
    }

    @Override
    public void pushBlob(Descriptor blob, Supplier<InputStream> content, LongConsumer moved) {
        HttpUrl start = url("/blobs/uploads/");
        HttpUrl location = guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(start).post(RequestBody.create(new byte[0])), scopes)) {
                if (r.code() != 202 && r.code() != 201) {
                    throw RegistryErrors.of(r, role, describe(), "start an upload of " + blob.digest());
                }
                return location(r);
            }
        }, start.toString()));
        boolean done = false;
        try {
            if (registry.uploads() == UploadStyle.MONOLITHIC) {
                finish(withDigest(location, blob), new BlobBody(blob.size(), content, moved), blob);
            } else {
                HttpUrl next = patch(location, new BlobBody(-1, content, moved), blob);
                finish(withDigest(next, blob), RequestBody.create(new byte[0]), blob);
            }
            done = true;
        } finally {
            if (!done) {
                cancel(location);
            }
        }
    }

    /** One PATCH with the whole blob (no {@code Content-Range}): 202, or 201 from ECR. */
    private HttpUrl patch(HttpUrl location, RequestBody body, Descriptor blob) {
        try (Response r = upload(location, () -> new Request.Builder().url(location).patch(body).header("Content-Type", "application/octet-stream"), blob)) {
            if (r.code() != 202 && r.code() != 201 && r.code() != 204) {
                throw RegistryErrors.of(r, role, describe(), "upload the blob " + blob.digest());
            }
            return r.header("Location") == null ? location : location(r);
        }
    }

    private void finish(HttpUrl url, RequestBody body, Descriptor blob) {
        try (Response r = upload(url, () -> new Request.Builder().url(url).put(body).header("Content-Type", "application/octet-stream"), blob)) {
            if (r.code() != 201 && r.code() != 204 && r.code() != 200) {
                throw RegistryErrors.of(r, role, describe(), "upload the blob " + blob.digest());
            }
            String said = r.header("Docker-Content-Digest");
            if (said != null && Digest.looksLikeDigest(said) && !Digest.parse(said).equals(blob.digest())) {
                throw new HashMismatch(url.toString(), blob.digest().algorithm(), blob.digest().hex(), Digest.parse(said).hex(),
                        "the target stored the blob under another digest");
            }
        }
    }

    /** Sends a request whose body is the blob; tells the source's failures (and a wrong blob) from the target's. */
    private Response upload(HttpUrl url, Supplier<Request.Builder> request, Descriptor blob) {
        try {
            return guarded(() -> registry.send(request, scopes));
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BlobMismatch m) {
                    throw new HashMismatch("blob " + blob.digest() + " for " + describe(), blob.digest().algorithm(), blob.digest().hex(), m.actual(),
                            "the source served other bytes; nothing was stored under this digest");
                }
            }
            Optional<FerryException> source = SourceFailure.in(e);
            if (source.isPresent()) {
                throw source.get();
            }
            throw RegistryErrors.of(e, url.toString());
        }
    }

    @Override
    public void pushManifest(Manifest manifest, Optional<String> tag) {
        HttpUrl url = url("/manifests/" + tag.orElse(manifest.digest().toString()));
        RequestBody body = RequestBody.create(manifest.bytes(), okhttp3.MediaType.get(manifest.mediaType()));
        guarded(() -> registry.call(() -> {
            try (Response r = registry.send(() -> new Request.Builder().url(url).put(body).header("Content-Type", manifest.mediaType()), scopes)) {
                if (r.code() != 201 && r.code() != 200) {
                    throw RegistryErrors.of(r, role, describe(), "store the manifest " + tag.orElse(manifest.digest().toString()));
                }
                String said = r.header("Docker-Content-Digest");
                if (said != null && Digest.looksLikeDigest(said) && !Digest.parse(said).equals(manifest.digest())) {
                    throw new HashMismatch(url.toString(), "sha256", manifest.digest().hex(), Digest.parse(said).hex(),
                            "the target changed the manifest's bytes");
                }
                return null;
            }
        }, url.toString()));
    }

    @Override
    public String blobScope() {
        return registry.endpoint().base() + "/" + name;
    }

    @Override
    public Optional<String> mountScope() {
        return Optional.of(registry.endpoint().base());
    }

    /** The upload URL a registry answered with; it may be relative and carries its own query. */
    private static HttpUrl location(Response r) {
        String loc = r.header("Location");
        HttpUrl u = loc == null ? null : r.request().url().resolve(loc);
        if (u == null) {
            throw new FerryException(r.request().url() + " answered an upload without a usable Location", "check the registry");
        }
        return u;
    }

    private static HttpUrl withDigest(HttpUrl location, Descriptor blob) {
        return location.newBuilder().addQueryParameter("digest", blob.digest().toString()).build();
    }

    /** Abandons an upload; the registry would drop it later anyway. */
    private void cancel(HttpUrl location) {
        try {
            registry.send(() -> new Request.Builder().url(location).delete(), scopes).close(); // any answer will do
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /** Runs a call; for a target, an authorization failure becomes the target's refusal. */
    private <T, E extends Exception> T guarded(Guarded<T, E> call) throws E {
        try {
            return call.run();
        } catch (FerryException e) {
            throw role == Role.TARGET ? RegistryClient.asTarget(e, describe()) : e;
        }
    }

    @FunctionalInterface
    private interface Guarded<T, E extends Exception> {
        T run() throws E;
    }

    /** The blob as an upload body: streamed from the source in 256 KiB reads; a failing read is the source's. */
    private static final class BlobBody extends RequestBody {
        private static final int BUFFER = 256 * 1024;
        private final long length;
        private final Supplier<InputStream> content;
        private final LongConsumer moved;

        BlobBody(long length, Supplier<InputStream> content, LongConsumer moved) {
            this.length = length;
            this.content = content;
            this.moved = moved;
        }

        @Override
        public okhttp3.MediaType contentType() {
            return okhttp3.MediaType.get("application/octet-stream");
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true; // OkHttp must not send it again by itself: a new attempt opens the source anew
        }

        @Override
        public void writeTo(okio.BufferedSink sink) throws IOException {
            byte[] buf = new byte[BUFFER];
            try (InputStream in = content.get()) {
                while (true) {
                    int n;
                    try {
                        n = in.readNBytes(buf, 0, buf.length);
                    } catch (BlobMismatch | SourceFailure e) {
                        throw e;
                    } catch (IOException e) {
                        throw new SourceFailure(RegistryErrors.of(e, "the source"));
                    }
                    if (n <= 0) {
                        return;
                    }
                    sink.write(buf, 0, n);
                    moved.accept(n);
                }
            }
        }
    }
}
