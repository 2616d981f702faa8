package dev.memprof.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code attach <pid> [args]}: loads this jar into a running JVM through {@code jdk.attach} and prints the URL the
 * agent serves. Attaching twice prints the URL of the agent that is already there.
 */
final class AttachCommand {

    private static final long URL_TIMEOUT_SECONDS = 60;

    private AttachCommand() {
    }

    static int run(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new Main.UsageException("usage: attach <pid> [k=v,...]");
        }
        long pid = Jvms.parsePid(args[0]);
        Jvms.checkAttachable(pid);
        String agentArgs = args.length == 2 ? args[1] : "";
        Path jar = Jvms.ownJar();
        VirtualMachine vm = Jvms.attach(pid);
        try {
            vm.loadAgent(jar.toString(), agentArgs);
            String url = awaitUrl(vm);
            if (url == null) {
                System.err.println("memprof: the agent loaded into " + pid
                        + " but is not serving; its log line on the target's stderr says why");
                return 1;
            }
            System.out.println(url);
            String version = vm.getSystemProperties().getProperty("java.specification.version", "0");
            if (Jvms.featureVersion(version) >= 21) {
                System.err.println("memprof: note: JDK " + version + " prints a warning when an agent is loaded "
                        + "dynamically; start the target with -XX:+EnableDynamicAgentLoading to allow it quietly");
            }
            return 0;
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException(refusal(pid, e), e);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("EnableDynamicAgentLoading") || msg.contains("dynamic")) {
                throw new IOException(refusal(pid, e), e);
            }
            throw new IOException("attach to " + pid + " failed: " + msg, e);
        } finally {
            vm.detach();
        }
    }

    /** The agent finishes starting in the background (it rewrites the loaded classes first); wait for its URL. */
    private static String awaitUrl(VirtualMachine vm) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + URL_TIMEOUT_SECONDS * 1_000_000_000L;
        while (true) {
            String url = vm.getSystemProperties().getProperty("memprof.url");
            if (url != null || System.nanoTime() > deadline) {
                return url;
            }
            Thread.sleep(100);
        }
    }

    private static String refusal(long pid, Exception e) {
        return "JVM " + pid + " refused to load the agent (" + e.getMessage() + "). If it runs with "
                + "-XX:-EnableDynamicAgentLoading, restart it with -XX:+EnableDynamicAgentLoading or -javaagent:memprof.jar";
    }

}
