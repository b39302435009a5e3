package dev.ferry.registry.ref;

import dev.ferry.format.Word;
import java.util.regex.Pattern;

/**
 * How an image is named in the regional registry, by kOps's own rules ({@code NormalizeImage} in kOps's
 * {@code pkg/assets/builder.go}), so a cluster given the same setting pulls what Ferry copied. Both work on
 * the image string as kOps writes it, not on a normalised reference.
 */
public enum ImageNaming implements Word {
    /**
     * kOps {@code spec.assets.containerProxy}: the registry host is replaced by the setting
     * ({@code registry.k8s.io/kube-apiserver:1.2.3} → {@code P/kube-apiserver:1.2.3}); a Docker Hub short name
     * ({@code debian}, {@code weaveworks/weave-kube}) gets the setting in front.
     */
    PROXY {
        @Override
        public String rename(String image, String setting) {
            String proxy = setting.endsWith("/") ? setting.substring(0, setting.length() - 1) : setting;
            String first = image.split("/", -1)[0];
            if (image.chars().filter(c -> c == '/').count() <= 1 && !first.contains(".") && !first.contains(":")) {
                return proxy + "/" + image;
            }
            return FIRST_COMPONENT.matcher(image).replaceFirst(java.util.regex.Matcher.quoteReplacement(proxy));
        }
    },
    /**
     * kOps {@code spec.assets.containerRegistry}: {@code registry.k8s.io/} is dropped, every other {@code /}
     * becomes {@code -}, and the setting goes in front ({@code registry.k8s.io/kops/kops-controller:1.34.0} →
     * {@code R/kops-kops-controller:1.34.0}); a name already under the setting is left alone.
     */
    REGISTRY {
        @Override
        public String rename(String image, String setting) {
            String normalized = image.startsWith("registry.k8s.io/") ? image.substring("registry.k8s.io/".length()) : image;
            if (!normalized.startsWith(setting + "/")) {
                normalized = setting + "/" + normalized.replace("/", "-");
            }
            return normalized;
        }
    };

    private static final Pattern FIRST_COMPONENT = Pattern.compile("^[^/]+");

    /** The name kOps writes for {@code image} under this setting. */
    public abstract String rename(String image, String setting);

    /** The kOps cluster-spec field a user sets to the same value. */
    public String kopsField() {
        return this == PROXY ? "spec.assets.containerProxy" : "spec.assets.containerRegistry";
    }

    /** Parses {@code proxy} or {@code registry}. */
    public static ImageNaming parse(String word) {
        return Word.find(values(), word).orElseThrow(() -> dev.ferry.error.FerryException.badInput(
                "image naming '" + word + "' is not proxy or registry",
                "proxy: the registry host is replaced (kOps containerProxy); registry: '/' flattened to '-' (kOps containerRegistry)"));
    }
}
