package dev.memprof.http;

import dev.memprof.pprof.NamedProfile;

import java.util.Map;
import java.util.TreeMap;

/** The HTML index at {@code /debug/pprof/}, laid out like Go's: counts, debug=1 links and descriptions. */
final class IndexHandler implements Handler {

    private final Map<String, NamedProfile> profiles;
    private final Map<String, String> otherRoutes;

    /**
     * @param profiles    the named profiles, listed with their counts
     * @param otherRoutes routes without a count (cmdline, profile, trace, ...) with their descriptions
     */
    IndexHandler(Map<String, NamedProfile> profiles, Map<String, String> otherRoutes) {
        this.profiles = profiles;
        this.otherRoutes = otherRoutes;
    }

    @Override
    public Response handle(Request r) {
        Map<String, Row> rows = new TreeMap<>();
        profiles.values().forEach(p -> rows.put(p.name(), new Row(p.count(), p.description())));
        otherRoutes.forEach((name, desc) -> rows.put(name, new Row(0, desc)));
        StringBuilder b = new StringBuilder(4096);
        b.append("<html>\n<head>\n<title>/debug/pprof/</title>\n<style>\n.profile-name{\n\tdisplay:inline-block;\n")
                .append("\twidth:6rem;\n}\n</style>\n</head>\n<body>\n/debug/pprof/\n<br>\n")
                .append("<p>Set debug=1 as a query parameter to export in legacy text format</p>\n<br>\n")
                .append("Types of profiles available:\n<table>\n<thead><td>Count</td><td>Profile</td></thead>\n");
        rows.forEach((name, row) -> b.append("<tr><td>").append(row.count).append("</td><td><a href='")
                .append(escape(name)).append("?debug=1'>").append(escape(name)).append("</a></td></tr>\n"));
        b.append("</table>\n<a href=\"goroutine?debug=2\">full goroutine stack dump</a>\n<br>\n<p>\n")
                .append("Profile Descriptions:\n<ul>\n");
        rows.forEach((name, row) -> b.append("<li><div class=profile-name>").append(escape(name))
                .append(": </div> ").append(escape(row.description)).append("</li>\n"));
        b.append("</ul>\n</p>\n</body>\n</html>\n");
        return Responses.html(b.toString());
    }

    private record Row(int count, String description) {
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&#34;");
    }
}
