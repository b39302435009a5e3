package dev.ferry.cli;

import picocli.CommandLine;

/** {@code ferry --version}. */
public final class FerryVersion implements CommandLine.IVersionProvider {
    public static final String VERSION = "0.1.0";

    /** What Ferry writes into locks and bundles it makes. */
    public static String generatedBy() {
        return "ferry " + VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {generatedBy(), "Java " + System.getProperty("java.version")};
    }
}
