package dev.ferry.mirror.store;

import dev.ferry.error.FerryException;
import java.util.Optional;

/**
 * Whether a store takes writes, asked once per run just before the first write ({@link MirrorStore#checkWritable}):
 * a target that refuses fails that first asset before its download, and every later one at once with the same
 * failure, so nothing more is downloaded for nothing. A run with nothing to write asks nothing and writes nothing.
 */
public final class WriteCheck {
    private final MirrorStore store;
    private boolean checked;
    private Optional<FerryException> refused = Optional.empty();

    public WriteCheck(MirrorStore store) {
        this.store = store;
    }

    /** Returns when the store takes writes; throws the store's refusal (the same one every time) when it does not. */
    public synchronized void beforeFirstWrite() {
        if (!checked) {
            checked = true;
            try {
                store.checkWritable();
            } catch (FerryException e) {
                refused = Optional.of(e);
            }
        }
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    /** The refusal, when the store refused. */
    public synchronized Optional<FerryException> refused() {
        return refused;
    }
}
