package dev.ferry.cli.image;

import dev.ferry.error.FerryException;
import java.util.regex.Pattern;

/** An EC2 image id as a user gives it to {@code --ami}: {@code ami-} and 8 or 17 hex digits. */
public record AmiId(String id) {
    private static final Pattern FORM = Pattern.compile("ami-[0-9a-f]{8,17}");

    public AmiId {
        if (id == null || !FORM.matcher(id).matches()) {
            throw FerryException.badInput("'" + id + "' is not an AMI id", "AMI ids look like ami-0123456789abcdef0");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
