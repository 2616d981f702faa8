package dev.memprof.alloc;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Matches the agent's own classes, which are never instrumented: the bootstrap hooks, the relocated libraries and
 * everything loaded from the agent jar, except the bundled demo (which is there to be profiled).
 */
final class OwnClasses implements AgentBuilder.RawMatcher {

    private static final String BOOTSTRAP = "dev.memprof.bootstrap.";
    private static final String SHADED = "dev.memprof.shaded.";
    private static final String DEMO = "dev.memprof.demo.";

    private final URL agentLocation = location(OwnClasses.class.getProtectionDomain());

    @Override
    public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
                           ProtectionDomain domain) {
        String name = type.getName();
        if (name.startsWith(BOOTSTRAP) || name.startsWith(SHADED)) {
            return true;
        }
        if (name.startsWith(DEMO) || agentLocation == null) {
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
