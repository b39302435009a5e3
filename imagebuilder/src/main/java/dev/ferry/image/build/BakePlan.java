package dev.ferry.image.build;

import dev.ferry.shell.ShellQuote;
import dev.ferry.error.FerryException;
import dev.ferry.image.config.BakeStep;
import dev.ferry.image.config.SshSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bake steps as the builder will see them: the files uploaded into the work folder, and for each step a small
 * generated runner script (printed by {@code --dry-run}) and the one command that runs it.
 */
public record BakePlan(String workDir, boolean sudo, List<Step> steps) {

    /** A file to put on the builder: generated text or a local file. */
    public record RemoteFile(String path, String text, java.util.Optional<Path> local) {
        public InputStream open() {
            if (local.isPresent()) {
                try {
                    return Files.newInputStream(local.get());
                } catch (IOException e) {
                    throw new FerryException("cannot read " + local.get() + ": " + e.getMessage(), null);
                }
            }
            return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        public String describe() {
            return local.map(p -> p + " -> " + path).orElse(path);
        }
    }

    /** One bake step: upload {@code files}, then run {@code command}; {@code runner} is the generated script. */
    public record Step(String name, String where, List<RemoteFile> files, String runner, String command) {}

    public BakePlan {
        steps = List.copyOf(steps);
    }

    public static BakePlan of(List<BakeStep> bake, SshSettings ssh) {
        String dir = ssh.workDir();
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (BakeStep s : bake) {
            n++;
            String base = dir + "/" + String.format("%02d-%s", n, s.name());
            List<RemoteFile> files = new ArrayList<>();
            StringBuilder runner = new StringBuilder();
            runner.append("#!/usr/bin/env bash\n");
            runner.append("# ferry bake step '").append(s.name()).append("' (").append(s.where()).append(")\n");
            runner.append("set -euo pipefail\n");
            if (s instanceof BakeStep.Commands c) {
                exports(runner, c.env());
                runner.append(c.commands());
                if (!c.commands().endsWith("\n")) {
                    runner.append('\n');
                }
            } else if (s instanceof BakeStep.Script sc) {
                String payload = base + ".script";
                files.add(new RemoteFile(payload, "", java.util.Optional.of(sc.file())));
                exports(runner, sc.env());
                // the script's own #! line decides the interpreter; running it through the interpreter (not
                // exec'ing the file) also works where the work folder is mounted noexec
                runner.append("exec ").append(interpreter(sc.file())).append(' ').append(ShellQuote.quote(payload)).append('\n');
            } else if (s instanceof BakeStep.Install in) {
                String payload = base + ".install.sh";
                files.add(new RemoteFile(payload, InstallScripts.render(in), java.util.Optional.empty()));
                exports(runner, in.env());
                runner.append("exec bash ").append(ShellQuote.quote(payload)).append('\n');
            } else if (s instanceof BakeStep.Upload u) {
                int i = 0;
                for (BakeStep.FileUpload f : u.files()) {
                    String staged = base + ".file" + (++i);
                    files.add(new RemoteFile(staged, "", java.util.Optional.of(f.from())));
                    runner.append("install -D -m ").append(f.mode()).append(' ').append(ShellQuote.quote(staged)).append(' ')
                            .append(ShellQuote.quote(f.to())).append('\n');
                }
            }
            String runnerPath = base + ".sh";
            files.add(new RemoteFile(runnerPath, runner.toString(), java.util.Optional.empty()));
            String command = "cd " + ShellQuote.quote(dir) + " && " + (ssh.sudo() ? "sudo -n " : "") + "bash " + ShellQuote.quote(runnerPath);
            steps.add(new Step(s.name(), s.where(), files, runner.toString(), command));
        }
        return new BakePlan(dir, ssh.sudo(), steps);
    }

    private static String interpreter(Path script) {
        try (java.io.BufferedReader r = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
            String first = r.readLine();
            if (first == null || !first.startsWith("#!") || first.substring(2).isBlank()) {
                return "bash";
            }
            List<String> words = new ArrayList<>();
            for (String w : first.substring(2).trim().split("\\s+")) {
                words.add(ShellQuote.quote(w));
            }
            return String.join(" ", words);
        } catch (IOException e) {
            throw new FerryException("cannot read " + script + ": " + e.getMessage(), null);
        }
    }

    private static void exports(StringBuilder runner, Map<String, String> env) {
        env.forEach((k, v) -> runner.append("export ").append(k).append('=').append(ShellQuote.quote(v)).append('\n'));
    }

    /** Creates the private work folder (as the SSH user). */
    public String prepareCommand() {
        return "mkdir -p -m 0700 " + ShellQuote.quote(workDir);
    }

    /** Writes one file from stdin, readable only by the SSH user. */
    public static String uploadCommand(String path) {
        return "umask 077 && cat > " + ShellQuote.quote(path);
    }

    /** Removes the work folder before the image is taken, so the AMI carries no bake leftovers. */
    public String removeCommand() {
        return (sudo ? "sudo -n " : "") + "rm -rf " + ShellQuote.quote(workDir);
    }

    /** The whole plan as text, for {@code --dry-run}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("$ ").append(prepareCommand()).append('\n');
        for (Step s : steps) {
            sb.append("\n# step '").append(s.name()).append("' (").append(s.where()).append(")\n");
            for (RemoteFile f : s.files()) {
                sb.append("upload ").append(f.describe()).append('\n');
            }
            // generated files in full (the runner last); local files the user wrote are only named
            for (RemoteFile f : s.files()) {
                if (f.local().isEmpty()) {
                    sb.append("--- ").append(f.path()).append('\n').append(f.text());
                    sb.append(f.text().endsWith("\n") ? "" : "\n").append("---\n");
                }
            }
            sb.append("$ ").append(s.command()).append('\n');
        }
        sb.append("\n$ ").append(removeCommand()).append('\n');
        return sb.toString();
    }
}
