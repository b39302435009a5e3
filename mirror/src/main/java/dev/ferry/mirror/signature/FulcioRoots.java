package dev.ferry.mirror.signature;

import dev.ferry.error.BadInput;
import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The certificate authorities a sigstore signing certificate must chain to: Fulcio's root (trust anchor) and
 * its intermediates.
 *
 * <p>A Fulcio certificate is valid for about ten minutes, so "now" is the wrong time to validate it. The chain
 * is validated at the certificate's own notBefore: the moment Fulcio issued it, which Fulcio states and signs.
 * This proves Fulcio issued the certificate to that identity; it does not prove the file was signed within
 * those ten minutes, which only a transparency-log entry would (see {@link SigstoreVerified}). Revocation is
 * not checked: Fulcio publishes none for its short-lived certificates.
 */
public final class FulcioRoots {
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final String source;

    private FulcioRoots(List<X509Certificate> roots, List<X509Certificate> intermediates, String source) {
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        this.anchors = roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
        this.source = source;
    }

    /**
     * @param rootsPem         PEM root certificates (trust anchors)
     * @param intermediatesPem PEM intermediate certificates (may be empty)
     * @param source           what these roots are ("sigstore public-good Fulcio"), for messages
     */
    public static FulcioRoots parse(byte[] rootsPem, byte[] intermediatesPem, String source) {
        List<X509Certificate> roots = certificates(rootsPem, source);
        if (roots.isEmpty()) {
            throw new BadInput(source + " holds no root certificate", "give PEM certificates");
        }
        return new FulcioRoots(roots, intermediatesPem.length == 0 ? List.of() : certificates(intermediatesPem, source), source);
    }

    /** Roots and intermediates as certificates already read. */
    public static FulcioRoots of(List<X509Certificate> roots, List<X509Certificate> intermediates, String source) {
        return new FulcioRoots(roots, intermediates, source);
    }

    public List<X509Certificate> roots() {
        return roots;
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    public String source() {
        return source;
    }

    /** Throws {@link Reason#UNTRUSTED_CERTIFICATE} unless {@code cert} chains to these roots at its notBefore and may sign code. */
    void validate(FulcioCertificate cert, String subject, String expected) {
        X509Certificate leaf = cert.leaf();
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(leaf.getNotBefore().toInstant()));
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.addAll(cert.extra());
            pool.add(leaf);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused(subject, Reason.UNTRUSTED_CERTIFICATE, "the certificate (issuer " + leaf.getIssuerX500Principal().getName()
                    + ", issued " + leaf.getNotBefore().toInstant() + ") does not chain to " + source + " (" + e.getMessage() + ")", expected);
        }
        boolean[] usage = leaf.getKeyUsage();
        List<String> extended;
        try {
            extended = leaf.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            extended = null;
        }
        if (usage == null || !usage[0] || extended == null || !extended.contains(CODE_SIGNING)) {
            throw new SignatureRefused(subject, Reason.UNTRUSTED_CERTIFICATE, "the certificate is not a code-signing certificate (key usage digitalSignature and extended key usage codeSigning)", expected);
        }
    }

    private static List<X509Certificate> certificates(byte[] pem, String source) {
        try {
            return FulcioCertificate.certificates(pem);
        } catch (CertificateException e) {
            throw new BadInput(source + ": not PEM certificates (" + e.getMessage() + ")", "give PEM certificates", e);
        }
    }
}
