package dev.ferry.mirror.fetch;

import dev.ferry.format.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signature checks a verified cache file has passed, recorded beside it ({@code sha256/ab/abcd….signatures}, one
 * {@code CHECK-ID VALUE} line each), so a later run does not read the file again to check the same signature. A
 * check's id is the SHA-256 of the signature file and of the keys that were trusted: another signature, or another
 * keyring, is checked afresh. The file itself is re-read by each run before it is trusted ({@link RunCache}).
 * A record that cannot be written costs only a re-read next time.
 */
final class SignatureRecords {

    /** The value recorded for {@code checkId} beside {@code file}: "verified (key …)". */
    Optional<String> find(Path file, String checkId) {
        return Optional.ofNullable(read(recordOf(file)).get(checkId));
    }

    synchronized void add(Path file, String checkId, String value) {
        Path record = recordOf(file);
        Map<String, String> all = read(record);
        all.put(checkId, value);
        StringBuilder sb = new StringBuilder();
        all.forEach((id, v) -> sb.append(id).append(' ').append(v).append('\n'));
        try {
            AtomicFile.write(record, sb.toString());
        } catch (IOException e) {
            // the check passed; only its record is lost
        }
    }

    private static Path recordOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".signatures");
    }

    private static Map<String, String> read(Path record) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space == 64 && line.length() > space + 1) {
                    out.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            return out; // unreadable: checked again, and written afresh
        }
        return out;
    }
}
