package dev.ferry.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The port a {@code ferry mirror serve --port 0} process says it listens on, once it has said so. */
    public static int port(Process serve, Path log) throws Exception {
        Pattern at = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = at.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serve.isAlive()) {
                throw new AssertionError("serve exited:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start:\n" + Files.readString(log));
    }
}
