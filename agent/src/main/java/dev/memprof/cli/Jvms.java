package dev.memprof.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** Facts about local JVMs, and attaching to them with errors a user can act on. */
final class Jvms {

    private Jvms() {
    }

    static long parsePid(String text) throws Main.UsageException {
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new Main.UsageException("'" + text + "' is not a process id");
    }

    /** Fails with a clear message for a missing process or one that belongs to another user. */
    static void checkAttachable(long pid) throws IOException {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            throw new IOException("no process with pid " + pid);
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = p.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me) && !me.equals("root")) {
            throw new IOException("process " + pid + " belongs to user " + owner.get()
                    + "; run attach as that user (the JVM only accepts attach from its own user)");
        }
    }

    static VirtualMachine attach(long pid) throws IOException {
        try {
            return VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage()
                    + " (is it a JVM, of the same user, started without -XX:+DisableAttachMechanism?)", e);
        }
    }

    static Path ownJar() throws IOException {
        try {
            return Path.of(Jvms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate memprof.jar", e);
        }
    }

    /** 17 for "17", 25 for "25", 8 for "1.8". */
    static int featureVersion(String specVersion) {
        String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        try {
            return Integer.parseInt(v.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
