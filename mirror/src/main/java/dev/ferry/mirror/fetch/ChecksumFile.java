package dev.ferry.mirror.fetch;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SidecarFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an expected hash out of an upstream checksum file: a bare {@code .sha256}
 * (first field, as kOps reads it) or a {@code hash  filename} list such as {@code SHA256SUMS},
 * {@code containerd-….sha256sum} or a PGP clear-signed {@code runc.sha256sum}.
 */
public final class ChecksumFile {
    private ChecksumFile() {}

    /**
     * @param assetUrl  the file the hash is for; in a list, the line whose name is a suffix of its path wins
     * @param sidecarUrl where the text came from, for messages
     */
    public static Hash parse(String text, SidecarFormat format, HashAlgorithm algorithm, String assetUrl, String sidecarUrl) {
        List<String> lines = contentLines(text);
        if (format == SidecarFormat.BARE) {
            if (lines.isEmpty()) {
                throw unusable(sidecarUrl, "it is empty");
            }
            return hash(lines.get(0).split("\\s+")[0], algorithm, sidecarUrl);
        }
        String path = URI.create(assetUrl).getPath();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        List<String> matches = new ArrayList<>();
        int best = -1;
        for (String line : lines) {
            String[] f = line.split("\\s+", 2);
            if (f.length < 2) {
                continue;
            }
            String name = f[1].trim();
            if (name.startsWith("*")) {
                name = name.substring(1); // binary-mode marker of sha256sum
            }
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            boolean fits = name.equals(fileName) || path.endsWith("/" + name);
            if (!fits) {
                continue;
            }
            // The longest name that is a suffix of the URL path is the most specific (bin/linux/amd64/kubelet beats kubelet).
            if (name.length() > best) {
                best = name.length();
                matches.clear();
            }
            if (name.length() == best) {
                matches.add(f[0]);
            }
        }
        if (matches.isEmpty()) {
            throw unusable(sidecarUrl, "it has no line for " + fileName);
        }
        if (matches.stream().distinct().count() > 1) {
            throw unusable(sidecarUrl, "it has several different hashes for " + fileName);
        }
        return hash(matches.get(0), algorithm, sidecarUrl);
    }

    /** Lines with content: blank lines, comments and PGP clear-sign armour dropped. */
    private static List<String> contentLines(String text) {
        List<String> out = new ArrayList<>();
        boolean inSignature = false;
        boolean inArmourHeader = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.equals("-----BEGIN PGP SIGNED MESSAGE-----")) {
                inArmourHeader = true; // "Hash: SHA256" lines follow until a blank line
                continue;
            }
            if (inArmourHeader) {
                if (line.isEmpty()) {
                    inArmourHeader = false;
                }
                continue;
            }
            if (line.equals("-----BEGIN PGP SIGNATURE-----")) {
                inSignature = true;
                continue;
            }
            if (line.equals("-----END PGP SIGNATURE-----")) {
                inSignature = false;
                continue;
            }
            if (inSignature || line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("- ")) {
                line = line.substring(2); // dash-escaping of clear-signed text
            }
            out.add(line);
        }
        return out;
    }

    private static Hash hash(String hex, HashAlgorithm algorithm, String sidecarUrl) {
        String h = hex.toLowerCase(Locale.ROOT);
        if (h.length() != algorithm.hexLength() || !h.matches("[0-9a-f]+")) {
            throw unusable(sidecarUrl, "'" + (h.length() > 80 ? h.substring(0, 80) + "…" : h) + "' is not a " + algorithm.id() + " hash");
        }
        return new Hash(algorithm, h);
    }

    private static FerryException unusable(String url, String why) {
        return new FerryException("cannot establish the expected hash from " + url + ": " + why,
                "check the URL in the lock, or pin the hash in the lock or manifest (sha256: …)");
    }
}
