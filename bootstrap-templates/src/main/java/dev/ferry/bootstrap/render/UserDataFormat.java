package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import java.util.Locale;

/** What the rendered user-data is: a bash script, or a cloud-config that writes and runs that script. */
public enum UserDataFormat {
    SCRIPT("script"),
    CLOUD_INIT("cloud-init");

    private final String id;

    UserDataFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static UserDataFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (UserDataFormat f : values()) {
            if (f.id.equals(t) || f.name().toLowerCase(Locale.ROOT).equals(t)) {
                return f;
            }
        }
        throw FerryException.badInput("unknown user-data format '" + text + "'", "use script or cloud-init");
    }

    @Override
    public String toString() {
        return id;
    }
}
