package dev.memprof.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code list}: the local JVMs, with the memprof URL of those that run the agent. */
final class ListCommand {

    private static final long PROBE_TIMEOUT_SECONDS = 5;

    private ListCommand() {
    }

    static int run(String[] args) throws Exception {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> vms = VirtualMachine.list();
        System.out.printf("%-8s %-50s %s%n", "PID", "MAIN CLASS", "MEMPROF");
        ExecutorService probes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "memprof-list-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            for (VirtualMachineDescriptor d : vms) {
                if (d.id().equals(String.valueOf(self))) {
                    continue;
                }
                String name = d.displayName().isBlank() ? "?" : d.displayName().split(" ")[0];
                System.out.printf("%-8s %-50s %s%n", d.id(), name, probe(probes, d));
            }
        } finally {
            probes.shutdownNow();
        }
        return 0;
    }

    /** The agent URL of one JVM, "-" when none is loaded, or a short reason when the JVM cannot be asked. */
    private static String probe(ExecutorService probes, VirtualMachineDescriptor d) {
        Future<String> f = probes.submit(() -> {
            VirtualMachine vm = VirtualMachine.attach(d);
            try {
                return vm.getSystemProperties().getProperty("memprof.url", "-");
            } finally {
                vm.detach();
            }
        });
        try {
            return f.get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            f.cancel(true);
            return "(not reachable)";
        }
    }
}
