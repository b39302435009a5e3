package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.image.config.Bastion;
import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.image.ssh.BuilderSsh;
import dev.ferry.image.ssh.ConsoleHostKeys;
import dev.ferry.image.ssh.HostKeyCheck;
import dev.ferry.image.ssh.KeyFiles;
import dev.ferry.image.ssh.OutputLines;
import dev.ferry.progress.Progress;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Runs the bake plan on the builder: reads the host key fingerprints from the console output, waits for SSH on
 * the private IP (bounded), uploads every file, runs each step streaming its output, and removes the work folder.
 */
final class SshBake implements BakeTarget {
    private static final int LAST_LINES = 20;
    private final ImageConfig cfg;
    private final Waiter waiter;
    private final Progress progress;

    SshBake(ImageConfig cfg, Waiter waiter, Progress progress) {
        this.cfg = cfg;
        this.waiter = waiter;
        this.progress = progress;
    }

    @Override
    public HostKeyRecord bake(Ec2 ec2, String instanceId, String privateIp, KeyPair key, BakePlan plan) {
        List<String> fingerprints = consoleFingerprints(ec2, instanceId);
        String target = privateIp + ":" + cfg.ssh().port();
        if (fingerprints.isEmpty()) {
            if (cfg.ssh().requireVerifiedHostKey()) {
                throw new FerryException("the builder's console output showed no SSH host key fingerprints within "
                        + Sizes.duration(cfg.waits().consoleHostKeys()) + ", and ssh.requireVerifiedHostKey is on",
                        "use a source AMI whose cloud-init prints host key fingerprints, or raise waits.consoleHostKeys");
            }
            progress.warn("no SSH host key fingerprints in the builder's console output; its key will be recorded and printed, not verified");
        } else {
            progress.info("host key fingerprints from the console output: " + String.join(", ", fingerprints));
        }
        HostKeyCheck check = new HostKeyCheck("builder " + target, fingerprints, !cfg.ssh().requireVerifiedHostKey());
        Optional<Bastion> bastion = cfg.ssh().bastion();
        Optional<HostKeyCheck> bastionCheck = bastion.map(b -> new HostKeyCheck("bastion " + b.host() + ":" + b.port(),
                b.hostKey().map(List::of).orElse(List.of()), true));
        Optional<KeyPair> bastionKey = bastion.flatMap(Bastion::privateKeyFile).map(KeyFiles::load);
        try (BuilderSsh ssh = waitForSsh(privateIp, key, check, bastion, bastionKey, bastionCheck)) {
            bastionCheck.ifPresent(bc -> {
                if (!bc.verifies()) {
                    progress.warn("bastion host key not pinned (ssh.bastion.hostKey); it presented "
                            + bc.presented().orElse("?") + ": compare it with the bastion's own fingerprint");
                }
            });
            if (!check.verifies()) {
                progress.warn("builder host key NOT verified, recorded as " + check.presented().orElse("?"));
            } else {
                progress.info("builder host key verified: " + check.presented().orElse("?"));
            }
            run(ssh, "prepare", plan.prepareCommand(), Optional.empty());
            for (BakePlan.Step step : plan.steps()) {
                progress.info("bake step '" + step.name() + "'");
                for (BakePlan.RemoteFile f : step.files()) {
                    try (InputStream in = f.open()) {
                        run(ssh, step.name(), BakePlan.uploadCommand(f.path()), Optional.of(in));
                    } catch (java.io.IOException e) {
                        throw new FerryException("cannot read " + f.describe() + ": " + e.getMessage(), null);
                    }
                }
                run(ssh, step.name(), step.command(), Optional.empty());
            }
            run(ssh, "cleanup", plan.removeCommand(), Optional.empty());
            return new HostKeyRecord(check.presented(), check.verifies());
        }
    }

    private void run(BuilderSsh ssh, String stepName, String command, Optional<InputStream> stdin) {
        int status;
        OutputLines out;
        try (Progress step = progress.child(stepName)) {
            out = new OutputLines(step::output, LAST_LINES);
            status = ssh.exec(command, stdin, out, out, cfg.waits().step());
        }
        if (status != 0) {
            List<String> last = out.lastLines();
            String where = plan(stepName);
            throw new FerryException("bake step '" + stepName + "'" + where + " failed with exit code " + status
                    + (last.isEmpty() ? " and printed nothing" : "; its last lines:\n    " + String.join("\n    ", last)),
                    "fix the step in image.yaml and run the build again; the builder has been terminated");
        }
    }

    private String plan(String stepName) {
        return cfg.bake().stream().filter(s -> s.name().equals(stepName)).findFirst().map(s -> " (" + s.where() + ")").orElse("");
    }

    /** Polls GetConsoleOutput until the fingerprint block appears, or gives up (empty) after waits.consoleHostKeys. */
    private List<String> consoleFingerprints(Ec2 ec2, String instanceId) {
        progress.info("reading the builder's SSH host key fingerprints from its console output (at most "
                + Sizes.duration(cfg.waits().consoleHostKeys()) + ")");
        return waiter.within(cfg.waits().consoleHostKeys(), () -> {
            String out = ec2.call("GetConsoleOutput", () -> ec2.client().getConsoleOutput(b -> b.instanceId(instanceId))).output();
            List<String> found = ConsoleHostKeys.parse(decode(out));
            return found.isEmpty() ? Optional.<List<String>>empty() : Optional.of(found);
        }).orElse(List.of());
    }

    private static String decode(String output) {
        if (output == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return output;
        }
    }

    private BuilderSsh waitForSsh(String privateIp, KeyPair key, HostKeyCheck check, Optional<Bastion> bastion,
                                  Optional<KeyPair> bastionKey, Optional<HostKeyCheck> bastionCheck) {
        Duration timeout = cfg.waits().ssh();
        progress.info("waiting for SSH on the builder's private IP " + privateIp + ":" + cfg.ssh().port()
                + bastion.map(b -> " via bastion " + b.host()).orElse("") + " (at most " + Sizes.duration(timeout) + ")");
        String[] lastError = {"no attempt yet"};
        try {
            return waiter.until("SSH", timeout, null, () -> {
                try {
                    return Optional.of(BuilderSsh.connect(privateIp, cfg.ssh().port(), cfg.ssh().user(), key, check, bastion,
                            bastionKey, bastionCheck, cfg.waits().sshConnect(), cfg.waits().step()));
                } catch (BuilderSsh.Refused e) {
                    throw e; // the builder answered and said no: booting longer cannot change that
                } catch (FerryException e) {
                    lastError[0] = e.getMessage();
                    return Optional.empty();
                }
            });
        } catch (Waiter.TimedOut e) {
            throw new FerryException("SSH on the builder's private IP " + privateIp + ":" + cfg.ssh().port()
                    + " did not come up within " + Sizes.duration(timeout) + " (last attempt: " + lastError[0] + ")",
                    "check that this machine reaches the builder's subnet (VPN, or ssh.bastion) and that the security group "
                            + "allows TCP " + cfg.ssh().port() + " from here");
        }
    }
}
