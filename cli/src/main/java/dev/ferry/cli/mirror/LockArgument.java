package dev.ferry.cli.mirror;

import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code LOCK} file that lock pin and lock verify work on. */
public final class LockArgument {

    @Parameters(index = "0", paramLabel = "LOCK", description = "The lock to ${COMMAND-NAME} (from ferry mirror plan --lock-file).")
    Path file;

    Path file() {
        return file;
    }

    Lock read() {
        return LockFile.read(file);
    }
}
