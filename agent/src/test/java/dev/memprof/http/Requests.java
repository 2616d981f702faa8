package dev.memprof.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link Request}s for handler tests the way the dispatcher would. */
final class Requests {

    private Requests() {
    }

    /** A request for a path with an optional query ("a=1&b=2"), headers as name/value pairs. */
    static Request of(String method, String pathAndQuery, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(), headers[i + 1]);
        }
        return new Request(method, path, query, Map.of(), h, new byte[0], () -> false);
    }

    static Request get(String pathAndQuery) {
        return of("GET", pathAndQuery);
    }

    /** Routes and runs a request the way the dispatcher does (without auth). */
    static Response serve(Router router, Request r) throws Exception {
        Router.Match m = router.match(r);
        return m.response() != null ? m.response() : m.handler().handle(m.request());
    }
}
