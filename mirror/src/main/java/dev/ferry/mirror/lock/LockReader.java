package dev.ferry.mirror.lock;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Asset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a lock as Ferry writes it, one asset at a time: the header, then each {@code - url:} block read
 * on its own and turned into an {@link Asset} before the next is read. Memory then holds the assets,
 * not a YAML tree of the whole file: a 100,000-asset lock is 29 MB of text and about ten times that as
 * a tree. Errors name the same file and line as a whole-file read. Anything outside what Ferry writes (a
 * hand edit with flow style, a key after {@code assets:}, …) gives empty, and the caller reads the whole
 * file the general way, so this changes how fast a lock is read, never what it means.
 */
final class LockReader {
    private final Path file;
    private final String source;
    private final List<Asset> assets = new ArrayList<>();
    private final StringBuilder block = new StringBuilder();
    private int blockLine;

    private LockReader(Path file) {
        this.file = file;
        this.source = file.toString();
    }

    static Optional<Lock> read(Path file) {
        try {
            return new LockReader(file).read();
        } catch (IOException e) {
            return Optional.empty(); // the whole-file read says what is wrong with it
        }
    }

    private Optional<Lock> read() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            int number = 0;
            String line;
            while ((line = in.readLine()) != null && !line.equals("assets:")) {
                number++;
                header.append(line).append('\n');
            }
            if (line == null) {
                return Optional.empty();
            }
            Optional<YamlNode> head = Yaml.parseGeneratedPart(header.toString(), source, 1);
            if (head.isEmpty()) {
                return Optional.empty();
            }
            Lock lock = LockFile.withoutAssets(head.get());
            number++;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.startsWith("- ")) {
                    if (!flush()) {
                        return Optional.empty();
                    }
                    blockLine = number;
                } else if (!(line.startsWith(" ") && blockLine > 0) && !line.isEmpty() && !line.startsWith("#")) {
                    return Optional.empty(); // a top-level key after the assets, or something Ferry does not write
                }
                block.append(line).append('\n');
            }
            return flush() ? Optional.of(lock.withAssets(assets)) : Optional.empty();
        }
    }

    /** The block read so far as one asset; false when it is not in the fast reader's subset. */
    private boolean flush() {
        if (blockLine == 0) {
            boolean blank = block.toString().isBlank();
            block.setLength(0);
            return blank;
        }
        Optional<YamlNode> items = Yaml.parseGeneratedPart(block.toString(), source, blockLine);
        block.setLength(0);
        if (items.isEmpty() || !items.get().isList() || items.get().list("assets").size() != 1) {
            return false;
        }
        assets.add(LockFile.asset(items.get().list("assets").get(0), LockFile.folderOf(file)));
        return true;
    }
}
