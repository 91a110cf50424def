package org.officeguard.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic violation ids: the first 128 bits of SHA-256 over site, rule, subject and the
 * triggering event ids. A redelivered event, a restarted service or a replayed day gives the same id.
 */
public final class ViolationIds {
    private ViolationIds() {}

    public static String of(String site, Rule rule, String subject, List<String> sourceEventIds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder in = new StringBuilder(site).append('\n').append(rule.name()).append('\n').append(subject);
        for (String id : sourceEventIds) {
            in.append('\n').append(id);
        }
        byte[] digest = sha.digest(in.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
