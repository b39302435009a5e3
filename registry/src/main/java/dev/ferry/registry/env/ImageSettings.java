package dev.ferry.registry.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a kOps cluster spec needs to pull its images from a regional registry, as {@code ferry mirror env} prints it.
 *
 * @param registry        the registry, as the user wrote it
 * @param images          how many images were considered
 * @param assets          {@code spec.assets}: {@code containerProxy} or {@code containerRegistry} to the setting; empty with containerd mirrors
 * @param registryMirrors {@code spec.containerd.registryMirrors}: upstream (or the registry's own) host to its endpoints, sorted
 * @param amazonVpc       {@code spec.networking.amazonVPC}: {@code image}, {@code initImage}, {@code networkPolicyAgentImage} to the
 *                        mirrored names, for those of the VPC CNI's images the cluster pulls
 * @param containerd      other {@code spec.containerd} fields ({@code useECRCredentialsForMirrors})
 * @param notes           what the admin should know, warnings first when a setting cannot work
 */
public record ImageSettings(String registry, int images, Map<String, String> assets, Map<String, List<String>> registryMirrors,
        Map<String, String> amazonVpc, Map<String, Object> containerd, List<Note> notes) {

    /** One remark; a warning says the settings cannot work as they are. */
    public record Note(boolean warning, String text) {}

    public ImageSettings {
        assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
        registryMirrors = Collections.unmodifiableMap(new LinkedHashMap<>(registryMirrors));
        amazonVpc = Collections.unmodifiableMap(new LinkedHashMap<>(amazonVpc));
        containerd = Collections.unmodifiableMap(new LinkedHashMap<>(containerd));
        notes = List.copyOf(notes);
    }

    public boolean hasWarnings() {
        return notes.stream().anyMatch(Note::warning);
    }
}
