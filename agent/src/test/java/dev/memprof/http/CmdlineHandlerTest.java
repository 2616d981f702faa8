package dev.memprof.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class CmdlineHandlerTest {

    @Test
    void redactsTheTokenValueWherever() {
        assertEquals("-javaagent:/opt/memprof.jar=port=0,token=***,depth=8",
                CmdlineHandler.redact("-javaagent:/opt/memprof.jar=port=0,token=s3cret,depth=8"));
        assertEquals("-javaagent:memprof.jar=token=***", CmdlineHandler.redact("-javaagent:memprof.jar=token=s3cret"));
        assertEquals("-javaagent:memprof.jar=port=1,TOKEN=***", CmdlineHandler.redact("-javaagent:memprof.jar=port=1,TOKEN=x"));
        assertEquals("token=***", CmdlineHandler.redact("token=s3cret"));
    }

    @Test
    void leavesOtherArgumentsAlone() {
        for (String arg : new String[]{"-jar", "app.jar", "-javaagent:memprof.jar=port=0,tokenFile=/run/t",
                "--mytoken=visible", "-Dfoo=bar"}) {
            assertEquals(arg, CmdlineHandler.redact(arg));
        }
    }

    @Test
    void servesTheRedactedLineNulSeparated() throws Exception {
        CmdlineHandler h = new CmdlineHandler(List.of("/usr/bin/java", "-javaagent:m.jar=token=abc,port=0", "Main"));
        assertEquals("/usr/bin/java\u0000-javaagent:m.jar=token=***,port=0\u0000Main",
                h.handle(Requests.get("/debug/pprof/cmdline")).bodyText());
    }
}
