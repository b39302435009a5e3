package dev.ferry.e2e.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Ferry CLI in a separate JVM (the built classes, from this test's class path): something a test can SIGKILL. */
public final class FerryProcess {
    private FerryProcess() {}

    /** Starts {@code ferry ARGS}, stdout and stderr both to {@code log}. */
    public static Process start(List<String> args, Path log) throws java.io.IOException {
        return start(List.of(), args, log);
    }

    /** The same with JVM flags ({@code -Xmx64m}, …) before the class name. */
    public static Process start(List<String> jvmFlags, List<String> args, Path log) throws java.io.IOException {
        return start(jvmFlags, args, java.util.Map.of(), log);
    }

    /** The same with more environment variables ({@code NETRC}, …). */
    public static Process start(List<String> jvmFlags, List<String> args, java.util.Map<String, String> env, Path log)
            throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ferry.cli.Ferry"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}
