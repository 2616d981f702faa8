package dev.memprof.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table. A pattern is a path whose segments are literal or {@code {name}} (one segment, captured), and
 * a trailing {@code {name...}} captures the rest. The first matching route wins, so more specific routes go first.
 * A path that matches some route but not its method gets 405 with {@code Allow}.
 */
public final class Router {

    private record Route(String method, String[] segments, Handler handler) {
    }

    /** The outcome of a lookup: a handler with its request, or a ready response (404, 405). */
    public record Match(Handler handler, Request request, Response response) {
    }

    private final List<Route> routes = new ArrayList<>();
    private Handler notFound = r -> Responses.error(404, "404 page not found");

    public Router get(String pattern, Handler h) {
        return add("GET", pattern, h);
    }

    public Router post(String pattern, Handler h) {
        return add("POST", pattern, h);
    }

    public Router delete(String pattern, Handler h) {
        return add("DELETE", pattern, h);
    }

    public Router add(String method, String pattern, Handler h) {
        routes.add(new Route(method, split(pattern), h));
        return this;
    }

    public Router notFound(Handler h) {
        this.notFound = h;
        return this;
    }

    public Match match(Request request) {
        String[] path = split(request.path());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments, path);
            if (params == null) {
                continue;
            }
            String method = request.method().equals("HEAD") ? "GET" : request.method();
            if (route.method.equals(method)) {
                return new Match(route.handler, request.withPathParams(params), null);
            }
            allowed.add(route.method);
        }
        if (!allowed.isEmpty()) {
            return new Match(null, request, Responses.methodNotAllowed(String.join(", ", allowed)));
        }
        return new Match(notFound, request, null);
    }

    private static Map<String, String> bind(String[] pattern, String[] path) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            boolean capture = p.startsWith("{") && p.endsWith("}");
            if (capture && p.endsWith("...}")) {
                if (i >= path.length) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 4), String.join("/", List.of(path).subList(i, path.length)));
                return params;
            }
            if (i >= path.length) {
                return null;
            }
            if (capture) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return pattern.length == path.length ? params : null;
    }

    /** Splits a path into segments; a trailing slash is kept as an empty last segment ("/debug/pprof/"). */
    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }
}
