package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** What the rendered user-data is: a bash script, or a cloud-config that writes and runs that script. */
public enum UserDataFormat implements Word {
    SCRIPT,
    CLOUD_INIT;

    public static UserDataFormat parse(String text) {
        return Word.find(values(), text.replace('_', '-'))
                .orElseThrow(() -> FerryException.badInput("unknown user-data format '" + text + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
