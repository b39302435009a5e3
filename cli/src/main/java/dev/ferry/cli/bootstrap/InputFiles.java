package dev.ferry.cli.bootstrap;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Text files named by a flag, read whole: a missing or unreadable one is bad input (exit 2). */
final class InputFiles {
    private InputFiles() {}

    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw FerryException.badInput("no such file: " + file, "check the path");
        } catch (IOException e) {
            throw FerryException.badInput("cannot read " + file + ": " + e.getMessage(), null);
        }
    }
}
