package dev.ferry.bootstrap.render;

import dev.ferry.http.HttpClient;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.progress.Progress;
import java.util.List;

/**
 * Node user-data for a mirror, with every file's sha256 pinned: the use case behind {@code ferry bootstrap render}
 * and the image build's install step. Hashes the lock does not pin are read from the mirror's sidecars; a mirror
 * that cannot be reached while one is still unknown fails the render ({@link MirrorUnreachable}, exit 1) instead of
 * leaving the file out or blaming the mirror's contents.
 */
public final class NodeUserData {
    private final HttpClient http;
    private final UserDataRenderer renderer;

    /** @param http Ferry's HTTP client: sidecars are read through the proxy settings downloads use */
    public NodeUserData(HttpClient http) {
        this(http, new UserDataRenderer());
    }

    public NodeUserData(HttpClient http, UserDataRenderer renderer) {
        this.http = http;
        this.renderer = renderer;
    }

    /**
     * Renders user-data for {@code lock}, read from {@code mirrors} (as nodes reach them, in order).
     *
     * @param progress hears the one line said before the mirror is asked for sidecars
     * @throws MirrorUnreachable  (exit 1) a hash had to come from the mirror, and the mirror could not be reached
     * @throws NoHashAtRenderTime (exit 2) a file every node needs has no sha256, in the lock or on the mirror
     * @throws RenderRefused      (exit 2) the lock and the options cannot make user-data that works
     */
    public UserData render(Lock lock, List<String> mirrors, RenderOptions options, Progress progress) {
        MirrorSidecarHashes sidecars = new MirrorSidecarHashes(mirrors, options.layout().orElse(lock.layout()), http);
        long unpinned = lock.assets().stream().filter(a -> options.hashes().sha256(a).isEmpty()).count();
        if (unpinned > 0) {
            // Each sidecar is one small HTTP GET, but a mirror that does not answer costs a connect timeout: say what is happening.
            progress.info("reading the sha256 of up to " + unpinned + " file(s) the lock does not pin from the mirror's sidecars ("
                    + mirrors.get(0) + ")…");
        }
        UserData userData;
        try {
            userData = renderer.render(lock, mirrors, options.withHashes(options.hashes().orElse(sidecars)));
        } catch (NoHashAtRenderTime e) {
            sidecars.requireReachable();
            throw e.withSidecarProblems(sidecars.problems());
        }
        sidecars.requireReachable();
        return userData;
    }
}
