package dev.memprof.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code java -jar memprof.jar <command> ...}: the command table and its usage text. */
public final class Main {

    /** One sub-command: takes its arguments, returns the process exit status. */
    interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("attach", AttachCommand::run);
        COMMANDS.put("list", ListCommand::run);
        COMMANDS.put("convert", ConvertCommand::run);
        COMMANDS.put("demo", args -> {
            dev.memprof.demo.DemoApp.main(args);
            return 0;
        });
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            System.err.println("memprof: unknown command '" + args[0] + "'");
            System.err.print(usage());
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (UsageException e) {
            System.err.println("memprof: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("memprof: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
    }

    static String usage() {
        return """
                usage: java -jar memprof.jar <command> [arguments]

                commands:
                  attach <pid> [k=v,...]   load the agent into a running JVM and print its URL
                  list                     list local JVMs: pid, main class, memprof URL if loaded
                  convert [--type T] [--from TIME] [--to TIME] in.jfr out.pb.gz
                                           convert a JFR recording to pprof; T: cpu (default), wall, alloc,
                                           live, block, mutex; TIME: ISO-8601 instant or epoch milliseconds
                  demo                     run the bundled demo workload (start it with -javaagent)

                agent arguments (k=v, comma-separated): port, host, tokenFile, token, rate, depth, jfr, log, maxSeconds
                """;
    }

    /** A mistake in how the command was called: exit status 2 and a one-line message. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
