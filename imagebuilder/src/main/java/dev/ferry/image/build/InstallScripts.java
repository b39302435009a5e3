package dev.ferry.image.build;

import dev.ferry.bootstrap.render.NodeUserData;
import dev.ferry.bootstrap.render.RenderOptions;
import dev.ferry.error.FerryException;
import dev.ferry.http.HttpClient;
import dev.ferry.image.config.BakeStep;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.progress.Progress;
import java.util.Optional;

/**
 * Renders Ferry's node install script for an {@code install:} bake step with the bootstrap renderer (the script
 * {@code ferry bootstrap render} prints), for baking: it installs and configures, but does not start services.
 */
final class InstallScripts {
    private InstallScripts() {}

    static String render(BakeStep.Install step) {
        Lock lock = LockFile.read(step.lock());
        // Sidecars are read where the build runs, through the same proxy settings a sync there would use.
        HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), System.getenv()));
        RenderOptions.Builder options = RenderOptions.builder().startServices(false).kops(step.kops())
                .arches(step.arches().stream().map(Arch::parse).toList());
        step.kubernetes().ifPresent(options::kubernetesVersion);
        try {
            // hashes the lock does not pin are read from the mirror's .sha256 sidecars, so the script pins them all
            return new NodeUserData(http).render(lock, step.mirrors(), options.build(), Progress.none()).text();
        } catch (FerryException e) {
            throw new FerryException("bake step '" + step.name() + "' (" + step.where() + "): " + e.getMessage(),
                    e.hint().orElse(null), e.exitCode(), e);
        } finally {
            http.close();
        }
    }
}
