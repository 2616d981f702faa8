import jdk.jfr.consumer.EventStream;

import java.nio.file.Path;

/**
 * The floor under any converter built on jdk.jfr.consumer: streams a recording's allocation events with the JDK's
 * parser, as memprof convert --type alloc does, and does nothing with them. Run by bench/convert-bench.sh.
 */
public class JdkParserAlone {
    public static void main(String[] args) throws Exception {
        long[] events = {0};
        try (EventStream stream = EventStream.openFile(Path.of(args[0]))) {
            stream.setReuse(true);
            stream.setOrdered(false);
            for (String type : new String[]{"jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB",
                    "jdk.ObjectAllocationOutsideTLAB"}) {
                stream.onEvent(type, e -> events[0]++);
            }
            stream.start();
        }
        System.out.println(events[0] + " events");
    }
}
