package dev.ferry.mirror.signature;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One public key of an {@link OpenPgpKeyring}, as a person reads it in {@code gpg --list-keys}.
 *
 * @param fingerprint  the primary key's fingerprint, upper-case hex without spaces
 * @param userIds      its user IDs ("Aleksa Sarai &lt;cyphar@cyphar.com&gt;"), in the keyring's order
 * @param subkeys      the fingerprints of its subkeys, revoked ones included
 * @param created      when the primary key was created
 * @param trustedUntil for a key its publisher withdrew: only signatures made before this time are accepted
 */
public record KeyringKey(String fingerprint, List<String> userIds, List<String> subkeys, Instant created, Optional<Instant> trustedUntil) {

    public KeyringKey {
        userIds = List.copyOf(userIds);
        subkeys = List.copyOf(subkeys);
    }

    /** "C9C370B246B09F6DBCFC744C34401015D1D2D386 (Aleksa Sarai &lt;cyphar@cyphar.com&gt;)". */
    public String describe() {
        return fingerprint + (userIds.isEmpty() ? "" : " (" + userIds.get(0) + ")");
    }
}
