package dev.memprof;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the classes of {@code dev.memprof.bootstrap} bootstrap classes, so that instrumented JDK classes (which
 * the bootstrap loader defines) can call our hooks, and every class loader sees the same hook.
 *
 * <p>The preferred way defines them straight into the bootstrap loader. The documented way,
 * {@link Instrumentation#appendToBootstrapClassLoaderSearch}, makes HotSpot print "Sharing is only supported for boot
 * loader classes because bootstrap classpath has been appended" on the host's stderr and turns class-data sharing
 * off for application classes; it is kept only as the fallback.
 *
 * <p>This must run before anything touches a bootstrap class: the first load decides which loader owns it.
 */
final class BootstrapInjector {

    static final String PACKAGE_PATH = "dev/memprof/bootstrap/";
    private static final String PROBE = "dev.memprof.bootstrap.AgentRuntime";
    /**
     * Every class of the bootstrap package, by name: looking them up is a few ms before main, where walking the
     * agent jar's thousands of entries to find them took about 40. BootstrapInjectorTest keeps the list complete.
     */
    static final List<String> CLASSES = List.of("AgentRuntime", "AllocationHook", "AllocationHook$Sink",
            "ThreadExitHook", "ThreadExitHook$Listener", "ThreadStartHook", "ThreadStartHook$Listener");

    private BootstrapInjector() {
    }

    /** True when an earlier agent start in this JVM already injected the bootstrap classes. */
    static boolean alreadyInjected() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static void inject(Instrumentation inst) throws IOException {
        Map<String, byte[]> classes = readBootstrapClasses();
        try {
            defineInBootLoader(inst, classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            appendJar(inst, classes);
        }
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // Supertypes must exist before their subtypes; retry until every class is in (the set is tiny).
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            for (String name : pending) {
                byte[] b = classes.get(name);
                try {
                    define.invoke(unsafe, name, b, 0, b.length, null, null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw e;
                    }
                    failed.add(name);
                }
            }
            if (failed.size() == pending.size()) {
                throw new ClassNotFoundException("cannot order bootstrap classes: " + failed);
            }
            pending = failed;
        }
    }

    private static void appendJar(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        Path jar = Files.createTempFile("memprof-bootstrap-", ".jar");
        try {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                    out.write(c.getValue());
                    out.closeEntry();
                }
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            Class.forName(PROBE, true, null); // the JVM now holds the jar open, so the file can go
        } catch (ClassNotFoundException e) {
            throw new IOException("bootstrap classes did not load", e);
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    /** Class name to bytes, for every class in the bootstrap package of the agent jar (or classes directory). */
    private static Map<String, byte[]> readBootstrapClasses() throws IOException {
        Path source = codeSource();
        Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        if (Files.isDirectory(source)) { // running from target/classes (unit tests)
            try (var files = Files.list(source.resolve(PACKAGE_PATH))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    addClass(classes, PACKAGE_PATH + p.getFileName(), Files.readAllBytes(p));
                }
            }
            return classes;
        }
        try (JarFile jf = new JarFile(source.toFile())) {
            for (String name : CLASSES) {
                String path = PACKAGE_PATH + name + ".class";
                JarEntry e = jf.getJarEntry(path);
                if (e == null) {
                    throw new IOException("the agent jar lacks " + path);
                }
                try (InputStream in = jf.getInputStream(e)) {
                    addClass(classes, path, in.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static void addClass(Map<String, byte[]> classes, String path, byte[] bytes) {
        if (path.endsWith(".class")) {
            classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), bytes);
        }
    }

    private static Path codeSource() throws IOException {
        try {
            return Path.of(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate the agent jar", e);
        }
    }
}
