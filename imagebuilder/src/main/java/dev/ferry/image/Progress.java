package dev.ferry.image;

/** Where a long EC2/SSH job reports what it is doing; the CLI prints it on stderr. */
public interface Progress {

    /** A step of the flow: "launching the builder", "waiting for ami-... to become available". */
    void info(String message);

    /** Something the user must read even in a green run (an unverified host key, a leftover resource). */
    void warn(String message);

    /** One line of a bake step's output. */
    void output(String step, String line);

    static Progress silent() {
        return new Progress() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}

            @Override
            public void output(String step, String line) {}
        };
    }
}
