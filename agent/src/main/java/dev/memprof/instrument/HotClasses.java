package dev.memprof.instrument;

import java.util.Comparator;

/**
 * Orders classes for a paced retransformation so that the ones whose compiled code the whole application leans on
 * come last. Retransforming a class throws away every compiled method that inlined one of its methods; for the
 * core of {@code java.base} (strings, collections, locks) that is nearly all hot code, so those go last, when the
 * rest is already done, and the application's own and the other libraries' classes go first.
 */
final class HotClasses {

    /** Packages inlined into nearly every hot method. */
    private static final String[] CORE = {"java.lang.", "java.util.", "jdk.internal.misc.", "jdk.internal.util."};

    static final Comparator<Class<?>> LAST = Comparator.comparingInt(HotClasses::rank);

    private HotClasses() {
    }

    /** 0: loaded by an application or platform loader; 1: other bootstrap classes; 2: the core of java.base. */
    static int rank(Class<?> c) {
        if (c.getClassLoader() != null) {
            return 0;
        }
        String name = c.getName();
        for (String p : CORE) {
            if (name.startsWith(p)) {
                return 2;
            }
        }
        return 1;
    }
}
