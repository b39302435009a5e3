package dev.ferry.registry.ref;

import dev.ferry.error.FerryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where images go: a registry ({@code host[:port][/prefix]}, or {@code http://host:port/prefix} for a
 * plain-HTTP registry on a LAN or in tests) or an OCI image layout folder ({@code oci:DIR}) to carry across
 * an air gap.
 */
public sealed interface RegistryTarget {
    String EXAMPLE = "e.g. 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops, harbor.example.cn/k8s, http://127.0.0.1:5000/mirror or oci:./images";

    /**
     * A registry. {@code setting} is what kOps is given ({@code containerProxy} or {@code containerRegistry}):
     * the host, a port when there is one, and an optional path prefix; never a scheme.
     */
    record Remote(String setting, boolean plainHttp) implements RegistryTarget {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");

        public Remote {
            String host = setting.split("/", -1)[0];
            if (!HOST.matcher(host).matches() || setting.endsWith("/") || setting.contains("//")) {
                throw FerryException.badInput("registry '" + setting + "' is not host[:port][/prefix]", EXAMPLE);
            }
            if (!host.contains(".") && !host.contains(":") && !host.equals("localhost")) {
                throw FerryException.badInput("registry '" + setting + "' has no '.' or port in its host, so kOps and containerd would read "
                        + "names under it as Docker Hub images", "give the registry's full host name, e.g. harbor.example.cn or localhost:5000");
            }
            if (!setting.substring(host.length()).equals(setting.substring(host.length()).toLowerCase(Locale.ROOT))) {
                throw FerryException.badInput("registry '" + setting + "': a repository prefix must be lowercase", EXAMPLE);
            }
        }

        /** {@code host[:port]}. */
        public String host() {
            return setting.split("/", -1)[0];
        }

        @Override
        public String describe() {
            return (plainHttp ? "http://" : "") + setting;
        }
    }

    /** An OCI image layout folder: images are named there by their canonical reference. */
    record Layout(Path dir) implements RegistryTarget {
        @Override
        public String describe() {
            return "oci:" + dir;
        }
    }

    /** As the user would write it. */
    String describe();

    /** Parses {@code --registry}: {@code oci:DIR}, {@code http://host:port/prefix}, {@code https://…} or {@code host[:port][/prefix]}. */
    static RegistryTarget parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("oci:")) {
            String dir = t.substring(4);
            if (dir.isEmpty()) {
                throw FerryException.badInput("'" + text + "' names no folder", "write it as oci:DIR, e.g. oci:./images");
            }
            return new Layout(Path.of(dir));
        }
        boolean plain = t.startsWith("http://");
        if (plain || t.startsWith("https://")) {
            t = t.substring(t.indexOf("://") + 3);
        } else if (t.contains("://")) {
            throw FerryException.badInput("registry '" + text + "': only http:// and https:// registries (or oci:DIR) are known", EXAMPLE);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            throw FerryException.badInput("the registry is empty", EXAMPLE);
        }
        return new Remote(t, plain);
    }
}
