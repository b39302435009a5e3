package dev.ferry.mirror.signature;

import dev.ferry.error.BadInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys trusted to sign some upstream's files: an armoured keyring ({@code gpg --export --armor},
 * several blocks with text between them, as runc's {@code runc.keyring}) or a binary one ({@code gpg --export}).
 * Immutable; {@link #plus} joins keyrings.
 */
public final class OpenPgpKeyring {
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";
    private static final String EXPORT_HINT = "give a public keyring: gpg --export --armor KEYID > keys.asc (public keys only)";

    /**
     * A key ring as trusted here: for a withdrawn key, only for signatures made before {@code trustedUntil}.
     * {@code source} is the keyring file it came from.
     */
    record TrustedKey(PGPPublicKeyRing ring, Optional<Instant> trustedUntil, String source) {
        /** "runc.keyring", or "runc-withdrawn.keyring (for signatures before …)". */
        String trustedBy() {
            return trustedUntil.map(until -> source + " (for signatures before " + until + ")").orElse(source);
        }
    }

    /** The key of a keyring that made a signature: its primary key ring and the (sub)key itself. */
    record KeyMatch(TrustedKey trusted, PGPPublicKey key) {}

    private final String source;
    private final List<TrustedKey> keys;

    private OpenPgpKeyring(String source, List<TrustedKey> keys) {
        this.source = source;
        this.keys = List.copyOf(keys);
    }

    /** Reads a keyring file; a file that is missing, empty or not a public keyring is {@link BadInput}. */
    public static OpenPgpKeyring read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new BadInput("cannot read keyring " + file + ": " + e.getMessage(), "check the keyring path", e);
        }
    }

    /**
     * @param bytes  an armoured or binary public keyring
     * @param source where it came from ("keys/vendor.asc"), for messages
     */
    public static OpenPgpKeyring parse(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            throw new BadInput(source + " holds a secret key: a keyring for checking signatures needs only public keys", EXPORT_HINT);
        }
        List<TrustedKey> keys = new ArrayList<>();
        if (text.contains(BEGIN)) {
            for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
                int end = text.indexOf(END, at);
                if (end < 0) {
                    throw new BadInput(source + ": a key block has no '" + END + "' line", EXPORT_HINT);
                }
                readRings(text.substring(at, end + END.length()).getBytes(StandardCharsets.ISO_8859_1), source, keys);
            }
        } else if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            readRings(bytes, source, keys);
        }
        if (keys.isEmpty()) {
            throw new BadInput(source + " holds no OpenPGP public key", EXPORT_HINT);
        }
        return new OpenPgpKeyring(source, keys);
    }

    private static void readRings(byte[] bytes, String source, List<TrustedKey> into) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            for (PGPPublicKeyRing ring : new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
                into.add(new TrustedKey(ring, Optional.empty(), source));
            }
        } catch (IOException | PGPException | RuntimeException e) {
            // Bouncy Castle says "…PGPSecretKeyRing found where PGPPublicKeyRing expected" for an exported secret key
            String why = String.valueOf(e.getMessage()).contains("Secret") ? "it holds a secret key" : "it is not an OpenPGP public keyring (" + e.getMessage() + ")";
            throw new BadInput(source + ": " + why, EXPORT_HINT, e);
        }
    }

    /** The same keys, trusted only for signatures made before {@code until} (a key its publisher withdrew). */
    public OpenPgpKeyring trustedUntil(Instant until) {
        return new OpenPgpKeyring(source, keys.stream().map(k -> new TrustedKey(k.ring(), Optional.of(until), k.source())).toList());
    }

    /** A keyring trusting the keys of both. */
    public OpenPgpKeyring plus(OpenPgpKeyring other) {
        List<TrustedKey> all = new ArrayList<>(keys);
        all.addAll(other.keys);
        return new OpenPgpKeyring(source + " + " + other.source, all);
    }

    /**
     * The SHA-256 (hex) of what this keyring trusts: each key ring as encoded, revocations and bindings included, and
     * how long it is trusted. A record of a check made with this keyring is reused only with the same keys.
     */
    public String digest() {
        java.security.MessageDigest sha256;
        try {
            sha256 = java.security.MessageDigest.getInstance("SHA-256");
            for (TrustedKey k : keys) {
                sha256.update(k.ring().getEncoded());
                sha256.update(k.trustedUntil().map(Instant::toString).orElse("-").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e); // SHA-256 is in every JDK; encoding a parsed ring does not fail
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Where the keyring came from, for messages. */
    public String source() {
        return source;
    }

    /** The keys, as {@code gpg --list-keys} shows them. */
    public List<KeyringKey> keys() {
        return keys.stream().map(OpenPgpKeyring::describe).toList();
    }

    /** The key of this keyring that made {@code signature}, by the issuer fingerprint or key ID it names. */
    Optional<KeyMatch> find(PGPSignature signature) {
        for (KeyIdentifier issuer : signature.getKeyIdentifiers()) {
            for (TrustedKey trusted : keys) {
                PGPPublicKey key = trusted.ring().getPublicKey(issuer);
                if (key != null) {
                    return Optional.of(new KeyMatch(trusted, key));
                }
            }
        }
        return Optional.empty();
    }

    /** What a signature must be made by: "a signature by a key of runc.keyring: C9C3… (Aleksa Sarai …), …" (at most 8 keys named). */
    String expectedSigner() {
        List<KeyringKey> all = keys();
        String named = all.stream().limit(8).map(KeyringKey::describe).collect(Collectors.joining(", "));
        return "a signature by a key of " + source + ": " + named + (all.size() > 8 ? " and " + (all.size() - 8) + " more" : "");
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** The user ID shown for a key: the one its owner marked primary, else the first; "(no user ID)" for none. */
    static String userId(PGPPublicKey primary) {
        return shownUserId(primary).orElse("(no user ID)");
    }

    private static Optional<String> shownUserId(PGPPublicKey primary) {
        List<String> ids = userIds(primary);
        for (String id : ids) {
            Iterator<PGPSignature> sigs = primary.getSignaturesForID(id);
            while (sigs != null && sigs.hasNext()) {
                PGPSignature sig = sigs.next();
                if (sig.getKeyID() == primary.getKeyID() && sig.hasSubpackets() && sig.getHashedSubPackets().isPrimaryUserID()) {
                    return Optional.of(id);
                }
            }
        }
        return ids.stream().findFirst();
    }

    private static List<String> userIds(PGPPublicKey primary) {
        List<String> ids = new ArrayList<>();
        primary.getUserIDs().forEachRemaining(ids::add);
        return ids;
    }

    private static KeyringKey describe(TrustedKey trusted) {
        PGPPublicKey primary = trusted.ring().getPublicKey();
        List<String> ids = new ArrayList<>(userIds(primary));
        shownUserId(primary).ifPresent(shown -> {
            ids.remove(shown);
            ids.add(0, shown);
        });
        List<String> subkeys = new ArrayList<>();
        trusted.ring().getPublicKeys().forEachRemaining(k -> {
            if (!k.isMasterKey()) {
                subkeys.add(fingerprint(k));
            }
        });
        return new KeyringKey(fingerprint(primary), ids, subkeys, primary.getCreationTime().toInstant(), trusted.trustedUntil());
    }
}
