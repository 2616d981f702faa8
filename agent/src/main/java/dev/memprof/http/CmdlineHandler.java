package dev.memprof.http;

import java.util.List;
import java.util.regex.Pattern;

/** {@code /debug/pprof/cmdline}: the JVM's command line, NUL-separated as Go does, with secrets replaced by ***. */
final class CmdlineHandler implements Handler {

    private static final Pattern SECRET = Pattern.compile("(?i)((?:^|[,=:])token=)[^,\\s]*");

    private final List<String> commandLine;

    CmdlineHandler(List<String> commandLine) {
        this.commandLine = commandLine.stream().map(CmdlineHandler::redact).toList();
    }

    @Override
    public Response handle(Request r) {
        return Responses.text(String.join("\u0000", commandLine));
    }

    /** Replaces the value of any {@code token=} agent argument with {@code ***}. */
    static String redact(String arg) {
        return SECRET.matcher(arg).replaceAll("$1***");
    }
}
