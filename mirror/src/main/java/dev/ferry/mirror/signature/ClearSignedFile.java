package dev.ferry.mirror.signature;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A clear-signed OpenPGP file ({@code gpg --clearsign}, as runc's {@code runc.sha256sum}): the signature is checked
 * over the text the file shows, and only that text is handed on (RFC 9580, section 7).
 */
public final class ClearSignedFile {
    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private ClearSignedFile() {}

    /**
     * @param keyring the keys trusted to sign the file
     * @param file    the whole file as downloaded (a checksum list is small: it is held in memory)
     * @param subject where the file came from, for messages
     * @return the signed text and its signer
     * @throws SignatureRefused when the file is not clear-signed, has text outside the signed part, or its
     *         signature is not by a trusted key valid then or not over this text
     */
    public static ClearSignedText verify(OpenPgpKeyring keyring, byte[] file, String subject) {
        // ISO-8859-1 maps bytes to chars one to one, so the signed bytes are exactly the file's.
        List<String> lines = Arrays.asList(new String(file, StandardCharsets.ISO_8859_1).split("\n", -1));
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        int at = 0;
        while (at < lines.size() && lines.get(at).isBlank()) {
            at++;
        }
        if (at == lines.size() || !lines.get(at).equals(BEGIN_MESSAGE)) {
            throw malformed(subject, keyring, "it does not start with '" + BEGIN_MESSAGE + "'");
        }
        at++;
        while (at < lines.size() && !lines.get(at).isBlank()) {
            at++; // armour headers such as "Hash: SHA256": the signature itself says which digest it uses
        }
        int textStart = at + 1;
        int signatureStart = lines.indexOf(BEGIN_SIGNATURE);
        int signatureEnd = lines.indexOf(END_SIGNATURE);
        if (signatureStart < textStart || signatureEnd < signatureStart) {
            throw malformed(subject, keyring, "it has no signature block after the signed text");
        }
        for (String after : lines.subList(signatureEnd + 1, lines.size())) {
            if (!after.isBlank()) {
                throw malformed(subject, keyring, "it has text after the signature, which the signature does not cover");
            }
        }
        byte[] signature = String.join("\n", lines.subList(signatureStart, signatureEnd + 1)).getBytes(StandardCharsets.ISO_8859_1);
        DocumentSignatures signatures = DocumentSignatures.start(DocumentSignatures.read(signature, subject, keyring), keyring, subject);
        byte[] signed = canonical(lines.subList(textStart, signatureStart), subject, keyring);
        signatures.update(signed, 0, signed.length);
        OpenPgpVerified verified = signatures.finish();
        String text = new String(signed, StandardCharsets.UTF_8).replace("\r\n", "\n");
        return new ClearSignedText(text.isEmpty() ? "" : text + "\n", verified);
    }

    /** The signed form of the text: dash-escapes removed, trailing blanks dropped, lines joined by CRLF, no final line end. */
    private static byte[] canonical(List<String> textLines, String subject, OpenPgpKeyring keyring) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < textLines.size(); i++) {
            String line = textLines.get(i);
            if (line.startsWith("- ")) {
                line = line.substring(2);
            } else if (line.startsWith("-")) {
                throw malformed(subject, keyring, "signed line " + (i + 1) + " starts with '-' but is not dash-escaped");
            }
            if (i > 0) {
                out.write('\r');
                out.write('\n');
            }
            out.writeBytes(withoutTrailingBlanks(line).getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** Trailing spaces and tabs are not signed (RFC 9580, 7.2); other characters are. */
    private static String withoutTrailingBlanks(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static SignatureRefused malformed(String subject, OpenPgpKeyring keyring, String detail) {
        return new SignatureRefused(subject, Reason.MALFORMED, "not a clear-signed file: " + detail, keyring.expectedSigner());
    }
}
