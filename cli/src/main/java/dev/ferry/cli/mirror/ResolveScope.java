package dev.ferry.cli.mirror;

import dev.ferry.error.FerryException;

/** What {@code plan --resolve[=WHAT]} reads online and pins: the files' hashes, the images' digests, or both. */
enum ResolveScope {
    ALL(true, true), FILES(true, false), IMAGES(false, true);

    private final boolean files;
    private final boolean images;

    ResolveScope(boolean files, boolean images) {
        this.files = files;
        this.images = images;
    }

    boolean files() {
        return files;
    }

    boolean images() {
        return images;
    }

    static ResolveScope parse(String text) {
        return switch (text) {
            case "all" -> ALL;
            case "files" -> FILES;
            case "images" -> IMAGES;
            default -> throw FerryException.badInput("--resolve takes all (the default), files or images, not '" + text + "'",
                    "e.g. --resolve=files to pin the files' hashes alone");
        };
    }
}
