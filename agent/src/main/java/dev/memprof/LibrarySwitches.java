package dev.memprof;

/**
 * System properties that keep the shaded libraries quiet and safe inside the host; set before they load. (ByteBuddy
 * needs none: only its bundled ASM is in the jar, not the class injector that made JDK 24+ warn about Unsafe.)
 */
final class LibrarySwitches {

    private LibrarySwitches() {
    }

    static void apply() {
        useNettyWithoutUnsafe();
    }

    /**
     * The shaded Netty cannot see {@code sun.misc.Unsafe} (agent/pom.xml points it at a missing class). Saying so
     * explicitly keeps Netty from logging, on JDKs before 25, that its low-level buffer API is incomplete. The
     * property name is derived at run time because shading rewrites Netty's prefix.
     */
    private static void useNettyWithoutUnsafe() {
        String nettyPackage = io.netty.util.NettyRuntime.class.getPackageName();
        setIfAbsent(nettyPackage.substring(0, nettyPackage.length() - ".util".length()) + ".noUnsafe");
    }

    private static void setIfAbsent(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }
}
