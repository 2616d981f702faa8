package dev.memprof;

/** System properties that keep the shaded libraries quiet and safe inside the host; set before they load. */
final class LibrarySwitches {

    private LibrarySwitches() {
    }

    static void apply() {
        useSafeByteBuddy();
        useNettyWithoutUnsafe();
    }

    /**
     * ByteBuddy's safe mode avoids its {@code sun.misc.Unsafe} class injector, which makes JDK 24+ print a
     * deprecation warning on the host's stderr. Shading rewrites the property's prefix, so derive it at run time.
     */
    private static void useSafeByteBuddy() {
        setIfAbsent(net.bytebuddy.ByteBuddy.class.getPackageName() + ".safe");
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
