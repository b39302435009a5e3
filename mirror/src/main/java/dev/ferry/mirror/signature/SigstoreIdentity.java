package dev.ferry.mirror.signature;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who a sigstore (Fulcio) certificate must name: one of {@code subjects} in its Subject Alternative Name (an
 * e-mail address or a URI, compared exactly), and {@code issuer} as the OIDC issuer that vouched for it.
 *
 * @param subjects accepted SAN values, such as a release service account
 * @param issuer   the OIDC issuer URL, such as {@code https://accounts.google.com}
 */
public record SigstoreIdentity(Set<String> subjects, String issuer) {

    public SigstoreIdentity {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a sigstore identity needs at least one subject");
        }
        subjects = Set.copyOf(subjects);
    }

    /** "a certificate for a@b or c@d from issuer https://…", for messages. */
    public String describe() {
        return "a certificate for " + String.join(" or ", new TreeSet<>(subjects)) + " from issuer " + issuer;
    }
}
