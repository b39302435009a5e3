package dev.ferry.mirror.env;

import dev.ferry.mirror.layout.Layout;
import java.util.List;
import java.util.Optional;

/**
 * What to give kOps so one cluster (one kOps/Kubernetes pair of the lock) reads the mirror.
 *
 * @param kopsBaseUrl          {@code KOPS_BASE_URL}: where nodeup, protokube, channels and the kOps images are
 * @param fileRepository       {@code spec.assets.fileRepository} (kops layout only)
 * @param kubernetesVersionUrl the {@code --kubernetes-version} URL, when the mirror holds the kube-*.tar images
 * @param cniVersionUrl        {@code CNI_VERSION_URL} (legacy layout: kOps ≤ 1.9 needs it)
 * @param notes                what cannot work, or needs a second look
 */
public record KopsSettings(String kops, String kubernetes, Layout layout, PublicUrl publicUrl,
        Optional<String> kopsBaseUrl, Optional<String> fileRepository, Optional<String> kubernetesVersionUrl,
        Optional<String> cniVersionUrl, List<Note> notes) {

    public KopsSettings {
        notes = List.copyOf(notes);
    }

    /** A remark on the settings; a {@code WARNING} means kOps or the nodes will fail with them as they are. */
    public record Note(Severity severity, String text) {}

    public enum Severity {
        WARNING, NOTE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean hasWarnings() {
        return notes.stream().anyMatch(n -> n.severity() == Severity.WARNING);
    }
}
