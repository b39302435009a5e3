package dev.ferry.image.ssh;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Remembers, on the session, why a key exchange failed: the first algorithm kind (host key, key exchange, cipher,
 * MAC) for which the server and Ferry have nothing in common, with both lists as they were offered.
 */
final class Negotiation implements SessionListener {
    private static final AttributeKey<String> FAILURE = new AttributeKey<>();
    /** How sshd words it, on either side of the connection. */
    private static final Pattern SSHD_WORDING = Pattern.compile("Unable to negotiate key exchange for (.+?) \\(client: (.*) / server: (.*)\\)");

    /**
     * Why the key exchange of {@code session} failed, if it did: as Ferry saw it, or as the server reported it in its
     * disconnect message (the server may notice first).
     */
    static Optional<String> failure(Session session, Throwable error) {
        String seen = session == null ? null : session.getAttribute(FAILURE);
        if (seen != null) {
            return Optional.of(seen);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SshException se && se.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_KEY_EXCHANGE_FAILED) {
                Matcher m = SSHD_WORDING.matcher(String.valueOf(se.getMessage()));
                return Optional.of(m.find() ? inCommon(m.group(1), m.group(3), m.group(2)) : String.valueOf(se.getMessage()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                      Map<KexProposalOption, String> serverProposal, Map<KexProposalOption, String> negotiated,
                                      Throwable reason) {
        if (reason == null) {
            return;
        }
        String why = reason.getMessage();
        for (KexProposalOption option : KexProposalOption.VALUES) {
            String ours = clientProposal.getOrDefault(option, "");
            String theirs = serverProposal.getOrDefault(option, "");
            if (!ours.isEmpty() && !theirs.isEmpty() && negotiated.getOrDefault(option, "").isEmpty()) {
                why = inCommon(option.getDescription(), theirs, ours);
                break;
            }
        }
        session.setAttribute(FAILURE, why);
    }

    private static String inCommon(String what, String theirs, String ours) {
        return "no " + what + " in common: the server offers " + theirs + "; Ferry offers " + ours;
    }
}
