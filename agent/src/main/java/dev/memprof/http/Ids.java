package dev.memprof.http;

import java.util.regex.Pattern;

/** The one rule for ids in paths (profiles and sessions): {@code [A-Za-z0-9._-]{1,64}}. */
final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** A 400 for a bad id, or null when it is fine. */
    static Response check(String id) {
        return valid(id) ? null : Responses.jsonError(400, "invalid id: expected 1 to 64 of [A-Za-z0-9._-]");
    }
}
