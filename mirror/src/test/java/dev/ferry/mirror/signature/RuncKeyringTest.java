package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped runc keyring holds the keys runc lists, and verifies real signatures by runc's maintainers (their release tags). */
class RuncKeyringTest {
    /** runc.keyring lists each key as gpg shows it: "pub ..." then the fingerprint, then "uid [trust] Name <mail>" lines. */
    private static final Pattern LISTED = Pattern.compile("^pub .*\\R\\s+([0-9A-F]{40})\\R((?:uid .*\\R)+)", Pattern.MULTILINE);
    private static final Pattern UID = Pattern.compile("^uid\\s+\\[[^]]*]\\s+(.+)$", Pattern.MULTILINE);

    @Test
    void theShippedKeyringHoldsExactlyTheKeysItsCommentsList() {
        Map<String, List<String>> listed = listed("runc.keyring");
        List<KeyringKey> current = OpenPgpKeyring.parse(resource("runc.keyring"), "runc.keyring").keys();
        assertEquals(List.of("C9C370B246B09F6DBCFC744C34401015D1D2D386", "C2428CD75720FACDCF76B6EA17DE5ECB75A1100E",
                "C020EA876CE4E06C7AB95AEF49524C6F9F638F1A"), List.copyOf(listed.keySet()), "the keys PROVENANCE.md records");
        assertEquals(listed.keySet(), current.stream().map(KeyringKey::fingerprint).collect(Collectors.toSet()));
        for (KeyringKey key : current) {
            assertEquals(listed.get(key.fingerprint()).stream().sorted().toList(), key.userIds().stream().sorted().toList(), key.fingerprint());
            assertEquals(Optional.empty(), key.trustedUntil());
        }
        KeyringKey cyphar = current.get(0);
        assertTrue(cyphar.subkeys().contains("B64E4955B29FA3D463F2A9062897FAD2B7E9446F"), "the signing subkey runc's comment names");
    }

    @Test
    void theWithdrawnKeyIsTrustedOnlyUntilItsRemovalFromRuncsKeyring() {
        assertEquals(List.of("5F36C6C61B5460124A75F5A69E18AA267DDB8DB4"), List.copyOf(listed("runc-withdrawn.keyring").keySet()));
        List<KeyringKey> all = UpstreamSigners.runc().keys();
        assertEquals(4, all.size());
        KeyringKey withdrawn = all.get(3);
        assertEquals("5F36C6C61B5460124A75F5A69E18AA267DDB8DB4", withdrawn.fingerprint());
        assertEquals(Optional.of(Instant.parse("2026-03-03T12:34:22Z")), withdrawn.trustedUntil());
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({
        "v1.4.0,      C9C370B246B09F6DBCFC744C34401015D1D2D386, B64E4955B29FA3D463F2A9062897FAD2B7E9446F, 2025-11-27T23:23:22Z",
        "v1.3.5,      C2428CD75720FACDCF76B6EA17DE5ECB75A1100E, C2428CD75720FACDCF76B6EA17DE5ECB75A1100E, 2026-03-17T16:50:51Z",
        // signed a month before this subkey was revoked as superseded: still good
        "v1.1.4,      C9C370B246B09F6DBCFC744C34401015D1D2D386, B1666E9DB5F13C8312CB7D8A9D94B96321B9D012, 2022-08-25T21:12:46Z",
        // the withdrawn SUSE key, signing in 2020
        "v1.0.0-rc10, 5F36C6C61B5460124A75F5A69E18AA267DDB8DB4, 5F36C6C61B5460124A75F5A69E18AA267DDB8DB4, 2020-01-23T04:41:12Z",
    })
    void realRuncSignaturesVerify(String tag, String key, String signingKey, String signedAt) {
        OpenPgpVerified v = verifyTag(tag);
        assertEquals(key, v.keyFingerprint());
        assertEquals(signingKey, v.signingKeyFingerprint());
        assertEquals(Instant.parse(signedAt), v.signedAt());
    }

    @Test
    void theResultSaysWhichKeyringTrustedTheKey() {
        assertEquals("runc.keyring", verifyTag("v1.4.0").keyring());
        assertEquals("runc-withdrawn.keyring (for signatures before 2026-03-03T12:34:22Z)", verifyTag("v1.0.0-rc10").keyring());
    }

    @Test
    void parallelDownloadsCanShareOneKeyring() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<OpenPgpVerified>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String tag = i % 2 == 0 ? "v1.4.0" : "v1.3.5";
                results.add(pool.submit(() -> verifyTag(tag)));
            }
            for (Future<OpenPgpVerified> r : results) {
                assertTrue(r.get(30, TimeUnit.SECONDS).keyring().equals("runc.keyring"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRealSignatureOverAlteredBytesIsRefused() {
        byte[] payload = resource("runc-tags/v1.4.0.payload");
        payload[payload.length - 3] ^= 0x20;
        OpenPgpDetachedCheck check = OpenPgpDetachedCheck.start(UpstreamSigners.runc(), resource("runc-tags/v1.4.0.asc"), "v1.4.0");
        check.update(payload, 0, payload.length);
        SignatureRefused e = assertThrows(SignatureRefused.class, check::finish);
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void aRealSignatureByAKeyRuncNeverListedIsRefused() {
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(UpstreamSigners.runc(), resource("runc-tags/v0.0.5.asc"), "v0.0.5"));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.getMessage().contains("key ID 59BF89FA47378873"), e.getMessage());
        assertTrue(e.expected().contains("C2428CD75720FACDCF76B6EA17DE5ECB75A1100E (Kir Kolyshkin <kolyshkin@gmail.com>)"), e.expected());
    }

    @Test
    void withoutTheWithdrawnKeyTheTagItSignedIsRefused() {
        // Trust comes only from the keyring given: the current runc.keyring alone does not hold the SUSE key.
        OpenPgpKeyring current = OpenPgpKeyring.parse(resource("runc.keyring"), "runc.keyring");
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(current, resource("runc-tags/v1.0.0-rc10.asc"), "v1.0.0-rc10"));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
    }

    private static OpenPgpVerified verifyTag(String tag) {
        OpenPgpDetachedCheck check = OpenPgpDetachedCheck.start(UpstreamSigners.runc(), resource("runc-tags/" + tag + ".asc"), tag);
        byte[] payload = resource("runc-tags/" + tag + ".payload");
        check.update(payload, 0, payload.length);
        return check.finish();
    }

    /** Fingerprint → user IDs, as the keyring file's own listing names them. */
    private static Map<String, List<String>> listed(String name) {
        String text = new String(resource(name), StandardCharsets.UTF_8);
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        Matcher m = LISTED.matcher(text);
        while (m.find()) {
            List<String> uids = new ArrayList<>();
            Matcher u = UID.matcher(m.group(2));
            while (u.find()) {
                uids.add(u.group(1).strip());
            }
            out.put(m.group(1), uids);
        }
        return out;
    }

    static byte[] resource(String name) {
        String path = name.startsWith("runc-tags/") ? name : "/dev/ferry/mirror/signature/" + name;
        try (InputStream in = RuncKeyringTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
