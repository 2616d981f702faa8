package dev.memprof.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <token>} in constant time. With no token configured, everything passes. */
public final class BearerAuth {

    private final byte[] expected;

    /** @param token the configured token, or null for no authentication */
    public BearerAuth(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public boolean enabled() {
        return expected != null;
    }

    public boolean allows(String authorizationHeader) {
        if (expected == null) {
            return true;
        }
        byte[] given = authorizationHeader == null ? new byte[0]
                : authorizationHeader.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
