package dev.memprof.http;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * An HTTP request as handlers see it: already decoded, fully read, and detached from Netty.
 *
 * @param method     upper-case method name
 * @param path       decoded path without the query
 * @param query      query parameters, each with its values in order
 * @param pathParams values captured by {@code {name}} segments of the route
 * @param headers    request headers, names lower-cased
 * @param body       request body (may be empty)
 * @param cancelled  turns true when the client has gone away, so long operations can stop early
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> pathParams,
                      Map<String, String> headers, byte[] body, BooleanSupplier cancelled) {

    /** The first value of a query parameter, or null, as Go's {@code FormValue} gives "" for a missing one. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** Go's {@code strconv.Atoi(r.FormValue(name))} with the error ignored: 0 when missing or not a number. */
    public int intParam(String name) {
        String v = param(name);
        if (!Params.asciiInteger(v)) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Request withPathParams(Map<String, String> params) {
        return new Request(method, path, query, params, headers, body, cancelled);
    }
}
