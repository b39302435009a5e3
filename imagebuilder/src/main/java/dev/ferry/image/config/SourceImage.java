package dev.ferry.image.config;

import java.util.List;

/** The AMI the builder boots from: a fixed id, or the newest image matching a name pattern from given owners. */
public sealed interface SourceImage {

    /** {@code source.ami: ami-0123...}. */
    record ById(String imageId) implements SourceImage {}

    /** {@code source.name: debian-12-amd64-*} with {@code source.owners}: the newest match wins. */
    record ByName(String namePattern, List<String> owners) implements SourceImage {
        public ByName {
            owners = List.copyOf(owners);
        }
    }
}
