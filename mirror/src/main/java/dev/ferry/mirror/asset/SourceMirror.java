package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Download URLs starting with {@code prefix} from {@code base} first": a company proxy or another
 * regional mirror. The canonical URL, and so the mirror key, is unchanged; it stays as the fallback.
 */
public record SourceMirror(String prefix, String base) {

    public SourceMirror {
        if (!prefix.matches("https?://.+") || !base.matches("https?://.+")) {
            SourceUrl.check(base, "source mirror " + prefix + "=");
            throw FerryException.badInput("source mirror '" + prefix + "=" + base + "' needs two absolute http(s) URLs",
                    "write it as PREFIX=URL, e.g. https://github.com/=https://ghproxy.example.cn/github.com/");
        }
        SourceUrl.check(base, "source mirror " + prefix + "=");
    }

    /** Parses {@code PREFIX=URL} as given to {@code --source-mirror}. */
    public static SourceMirror parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw FerryException.badInput("source mirror '" + text + "' is not PREFIX=URL",
                    "e.g. --source-mirror https://dl.k8s.io/=https://k8s-mirror.example.cn/");
        }
        return new SourceMirror(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The asset with this mirror's URL placed before the canonical one, when the prefix matches. */
    public Asset applyTo(Asset asset) {
        if (!asset.url().startsWith(prefix)) {
            return asset;
        }
        String mirrored = base + asset.url().substring(prefix.length());
        if (asset.sources().contains(mirrored)) {
            return asset;
        }
        List<String> sources = new ArrayList<>();
        int canonical = asset.sources().indexOf(asset.url());
        sources.addAll(asset.sources().subList(0, canonical));
        sources.add(mirrored);
        sources.addAll(asset.sources().subList(canonical, asset.sources().size()));
        return asset.withSources(sources);
    }

    /**
     * The lock with {@code mirrors} tried first, in their order, before the sources the lock names (its own source
     * mirrors, then the canonical URL): what {@code --source-mirror} means beside {@code --lock}.
     */
    public static dev.ferry.mirror.lock.Lock firstFor(dev.ferry.mirror.lock.Lock lock, List<SourceMirror> mirrors) {
        if (mirrors.isEmpty()) {
            return lock;
        }
        List<Asset> assets = new ArrayList<>();
        for (Asset a : lock.assets()) {
            List<String> first = new ArrayList<>();
            for (SourceMirror m : mirrors) {
                if (a.url().startsWith(m.prefix())) {
                    first.add(m.base() + a.url().substring(m.prefix().length()));
                }
            }
            List<String> sources = new ArrayList<>(first);
            a.sources().stream().filter(s -> !first.contains(s)).forEach(sources::add);
            assets.add(a.withSources(sources));
        }
        return lock.withAssets(assets);
    }

    @Override
    public String toString() {
        return prefix + "=" + base;
    }
}
