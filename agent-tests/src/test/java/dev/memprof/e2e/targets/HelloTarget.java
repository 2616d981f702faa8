package dev.memprof.e2e.targets;

/**
 * Prints one line and exits 0: shows that the host's own behaviour survives whatever the agent runs into. With an
 * argument, it first lives that many milliseconds, so that the agent's start beside it (binding, JFR) gets to run.
 */
public final class HelloTarget {

    public static final String GREETING = "hello from the target application";

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0]));
        }
        System.out.println(GREETING);
    }

    private HelloTarget() {
    }
}
