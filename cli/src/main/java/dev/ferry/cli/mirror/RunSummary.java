package dev.ferry.cli.mirror;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one summary shape of the commands that move assets (sync, pack, push) in JSON: counts, bytes, and the
 * duration in seconds as a number.
 *
 * @param published assets written (into the mirror, or into the bundle for pack)
 * @param aclsSet   assets already there whose ACL was set to the one asked for
 * @param unpinned  assets whose hash the lock does not pin (read from the upstream sidecar)
 * @param bytes     bytes of the assets written
 */
record RunSummary(long assets, long published, long skipped, long failed, long aclsSet, long unpinned, long bytes, double seconds) {

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assets", assets);
        m.put("published", published);
        m.put("skipped", skipped);
        m.put("failed", failed);
        m.put("aclsSet", aclsSet);
        m.put("unpinned", unpinned);
        m.put("bytes", bytes);
        m.put("seconds", Math.round(seconds * 10) / 10.0);
        return m;
    }
}
