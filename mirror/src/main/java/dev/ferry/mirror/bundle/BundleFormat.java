package dev.ferry.mirror.bundle;

/**
 * The layout of a Ferry bundle: a tar, compressed with zstd, whose entries come in a fixed order so
 * a reader can check everything while streaming, without seeking:
 * <ol>
 *   <li>{@value #HEADER}: format name and version, the lock's sha256, and the size and sha256 of every asset;</li>
 *   <li>{@value #LOCK}: the lock, byte for byte as it was given to {@code pack};</li>
 *   <li>{@value #FILES}{@code <key>}: each asset under its mirror key, in lock order;</li>
 *   <li>{@value #IMAGES}: the images, when the lock has any, as an OCI image layout ({@code oci-layout}, {@code index.json},
 *       then each blob the header lists, once);</li>
 *   <li>{@value #INDEX}: the size and sha256 of every entry above, written last so a truncated bundle is noticed.</li>
 * </ol>
 * A split bundle adds a small parts manifest ({@link PartsManifest}) beside {@code NAME.000}, {@code NAME.001}, ….
 */
public final class BundleFormat {
    /** The format name in the header, so a stray tar is not mistaken for a bundle. */
    public static final String NAME = "ferry-bundle";
    /** The highest bundle format this Ferry reads; a newer number is refused. */
    public static final int VERSION = 2;
    /** The format of a bundle of files only, as earlier Ferry versions read it; one with images is {@link #VERSION}. */
    public static final int FILES_ONLY = 1;

    public static final String HEADER = "ferry-bundle.json";
    public static final String LOCK = "ferry.lock";
    public static final String FILES = "files/";
    public static final String INDEX = "index.json";
    public static final String IMAGES = "images/";
    public static final String IMAGES_LAYOUT = IMAGES + "oci-layout";
    public static final String IMAGES_INDEX = IMAGES + "index.json";
    /** The {@code oci-layout} file of the images' layout. */
    public static final String OCI_LAYOUT = "{\"imageLayoutVersion\": \"1.0.0\"}\n";

    /** Suffix of the parts manifest of a split bundle: {@code ferry-bundle.tar.zst.parts.json}. */
    public static final String PARTS_SUFFIX = ".parts.json";

    private BundleFormat() {}

    /** The tar entry name of an asset stored under {@code key}. */
    public static String entryName(String key) {
        return FILES + key;
    }

    /** The name of part {@code n} of a split bundle: {@code ferry-bundle.tar.zst.003}. */
    public static String partName(String bundleName, int n) {
        return bundleName + "." + String.format(java.util.Locale.ROOT, "%03d", n);
    }
}
