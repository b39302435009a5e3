package dev.ferry.cli.mirror;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** What {@code plan --resolve[=WHAT]} reads online and pins: the files' hashes, the images' digests, or both. */
enum ResolveScope implements Word {
    ALL, FILES, IMAGES;

    boolean files() {
        return this != IMAGES;
    }

    boolean images() {
        return this != FILES;
    }

    static ResolveScope parse(String text) {
        return Word.find(values(), text).orElseThrow(() -> FerryException.badInput(
                "--resolve takes all (the default), files or images, not '" + text + "'", "e.g. --resolve=files to pin the files' hashes alone"));
    }
}
