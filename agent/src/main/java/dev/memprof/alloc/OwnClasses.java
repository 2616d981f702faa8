package dev.memprof.alloc;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Recognizes the agent's own classes, which are never instrumented: the bootstrap hooks, the relocated libraries
 * and everything loaded from the agent jar, except the bundled demo (which is there to be profiled).
 */
final class OwnClasses {

    private static final String BOOTSTRAP = "dev/memprof/bootstrap/";
    private static final String SHADED = "dev/memprof/shaded/";
    private static final String DEMO = "dev/memprof/demo/";

    private final URL agentLocation = location(OwnClasses.class.getProtectionDomain());

    boolean isOwn(String internalName, ProtectionDomain domain) {
        if (internalName.startsWith(BOOTSTRAP) || internalName.startsWith(SHADED)) {
            return true;
        }
        if (internalName.startsWith(DEMO) || agentLocation == null) {
            return false;
        }
        URL where = location(domain);
        return where != null && where.equals(agentLocation);
    }

    private static URL location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
