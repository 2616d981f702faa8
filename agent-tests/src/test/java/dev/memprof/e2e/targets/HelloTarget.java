package dev.memprof.e2e.targets;

/** Prints one line and exits 0: shows that the host's own behaviour survives whatever the agent runs into. */
public final class HelloTarget {

    public static final String GREETING = "hello from the target application";

    public static void main(String[] args) {
        System.out.println(GREETING);
    }

    private HelloTarget() {
    }
}
