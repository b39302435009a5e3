package dev.ferry.registry.store;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Manifest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image readable from several places, tried in order: source mirrors first, upstream last, as files are.
 * The place that answered the image's first manifest serves the rest of it; when it fails, the others are asked.
 */
public final class FallbackSource implements ImageSource {
    private final List<ImageSource> sources;
    private volatile int answered;

    public FallbackSource(List<ImageSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public String describe() {
        ImageSource first = sources.get(answered);
        ImageSource upstream = sources.get(sources.size() - 1);
        return first == upstream ? upstream.describe() : upstream.describe() + " (via " + first.describe() + ")";
    }

    @Override
    public Optional<Manifest> manifest(String reference, String mediaType) {
        return first(s -> s.manifest(reference, mediaType), Optional::isPresent, reference).orElse(Optional.empty());
    }

    @Override
    public InputStream blob(Descriptor blob, long offset) {
        return first(s -> s.blob(blob, offset), in -> true, blob.digest().toString()).orElseThrow();
    }

    /**
     * What the first source that can answers, starting with the one that answered before. When none can: empty
     * if all said "absent", else a failure naming what each source said.
     */
    private <T> Optional<T> first(java.util.function.Function<ImageSource, T> ask, java.util.function.Predicate<T> answers, String what) {
        List<FerryException> failures = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        int start = answered;
        for (int k = 0; k < sources.size(); k++) {
            int i = (start + k) % sources.size();
            try {
                T t = ask.apply(sources.get(i));
                if (answers.test(t)) {
                    answered = i;
                    return Optional.of(t);
                }
                absent.add(sources.get(i).describe() + " has no " + what);
            } catch (FerryException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1 && absent.isEmpty()) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            List<String> said = new ArrayList<>(absent);
            failures.forEach(f -> said.add(f.getMessage()));
            throw new FerryException(String.join("; ", said), failures.get(0).hint().orElse(null), FerryException.FAILED, failures.get(0));
        }
        return Optional.empty();
    }
}
