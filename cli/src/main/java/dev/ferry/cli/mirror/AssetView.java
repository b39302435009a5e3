package dev.ferry.cli.mirror;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.layout.Layout;
import java.util.LinkedHashMap;
import java.util.Map;

/** How an asset looks in {@code --output json}. */
public final class AssetView {
    private AssetView() {}

    public static Map<String, Object> json(Asset a, Layout layout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", a.url());
        m.put("kind", a.kind().name());
        m.put("arch", a.arch().map(x -> x.id()));
        m.put("version", a.version());
        m.put("key", a.key(layout));
        Map<String, Object> hash = new LinkedHashMap<>();
        hash.put("pinned", a.hash().isPinned());
        if (a.hash() instanceof ExpectedHash.Known k) {
            hash.put("algorithm", k.hash().algorithm().id());
            hash.put("hex", k.hash().hex());
            hash.put("from", k.provenance().id());
        } else if (a.hash() instanceof ExpectedHash.FromSidecar f) {
            hash.put("algorithm", f.algorithm().id());
            hash.put("from", "upstream-sidecar");
        }
        a.hash().upstreamSidecar().ifPresent(f -> hash.put("sidecar", f.url()));
        m.put("hash", hash);
        m.put("sources", a.sources());
        m.put("size", a.size());
        m.put("signature", a.signature().text());
        m.put("signedBy", a.signedBy().map(s -> {
            Map<String, Object> by = new LinkedHashMap<>();
            by.put("signer", s.signer().describe());
            by.put("detached", s.detached());
            by.put("certificate", s.certificate());
            by.put("checksums", s.checksums());
            by.put("checksumsSignature", s.checksumsSignature());
            return by;
        }));
        return m;
    }
}
