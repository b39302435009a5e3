package dev.ferry.image.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of the bake, run in order on the builder. Every step has a name (its output is prefixed with it)
 * and runs with the step's {@code env} exported.
 */
public sealed interface BakeStep {

    String name();

    /** Where the step is written in image.yaml, for messages. */
    String where();

    /** {@code run: |} inline shell commands, run with bash ({@code set -euo pipefail}). */
    record Commands(String name, String where, String commands, Map<String, String> env) implements BakeStep {
        public Commands {
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        }
    }

    /**
     * {@code script: node-install.sh}: a local script uploaded and run with bash. This is how Ferry's node
     * install script gets in: {@code ferry bootstrap render ... > node-install.sh}, then a script step.
     */
    record Script(String name, String where, Path file, Map<String, String> env) implements BakeStep {
        public Script {
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        }
    }

    /**
     * {@code install: {lock, mirror, ...}}: Ferry's node install script, rendered from the lock for the mirror URLs
     * (the same renderer as {@code ferry bootstrap render}), with services left stopped: this is an image, not a node.
     */
    record Install(String name, String where, Path lock, List<String> mirrors, Optional<String> kubernetes,
                   List<String> arches, boolean kops, Map<String, String> env) implements BakeStep {
        public Install {
            mirrors = List.copyOf(mirrors);
            arches = List.copyOf(arches);
            env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        }
    }

    /** {@code upload: [{from, to, mode}]}: local files installed at absolute paths on the builder. */
    record Upload(String name, String where, List<FileUpload> files) implements BakeStep {
        public Upload {
            files = List.copyOf(files);
        }
    }

    /** One file of an upload step. {@code mode} is octal text such as {@code 0644}. */
    record FileUpload(Path from, String to, String mode) {}
}
