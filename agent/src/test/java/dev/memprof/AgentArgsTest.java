package dev.memprof;

import dev.memprof.capture.CaptureSettings;
import dev.memprof.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class AgentArgsTest {

    @Test
    void nullAndBlankGiveTheDefaults() {
        for (String raw : new String[]{null, "", "  ", ",,"}) {
            AgentArgs a = AgentArgs.parse(raw);
            assertEquals(6060, a.port());
            assertEquals("127.0.0.1", a.host());
            assertEquals(524288, a.rate());
            assertEquals(64, a.depth());
            assertTrue(a.jfr());
            assertEquals(LogLevel.INFO, a.log());
            assertNull(a.token());
            assertNull(a.tokenFile());
            assertEquals(List.of(), a.warnings(), "no warnings for " + raw);
        }
    }

    @Test
    void parsesEveryKnownKey() {
        AgentArgs a = AgentArgs.parse(
                "port=0, host=0.0.0.0,tokenFile=/run/secret,rate=0,depth=8,jfr=off,log=debug,maxSeconds=60,insecure=true,"
                        + "growthWindow=1m");
        assertEquals(0, a.port());
        assertEquals("0.0.0.0", a.host());
        assertEquals("/run/secret", a.tokenFile());
        assertEquals(0, a.rate());
        assertEquals(8, a.depth());
        assertFalse(a.jfr());
        assertEquals(LogLevel.DEBUG, a.log());
        assertEquals(60, a.maxSeconds());
        assertEquals(60, a.growthWindowSeconds());
        assertTrue(a.insecure());
        assertEquals(List.of(), a.warnings());
    }

    @Test
    void badValuesWarnNamingTheKeyAndKeepTheDefault() {
        AgentArgs a = AgentArgs.parse("port=0,rate=abc,depth=-1,jfr=maybe,log=loud,port2=1,maxSeconds=0,host=");
        assertEquals(0, a.port(), "good values around bad ones still apply");
        assertEquals(AgentArgs.DEFAULT_RATE, a.rate());
        assertEquals(AgentArgs.DEFAULT_DEPTH, a.depth());
        assertTrue(a.jfr());
        assertEquals(LogLevel.INFO, a.log());
        assertEquals(AgentArgs.DEFAULT_MAX_SECONDS, a.maxSeconds());
        assertEquals("127.0.0.1", a.host());
        List<String> w = a.warnings();
        assertEquals(7, w.size(), w.toString());
        assertWarning(w.get(0), "'rate'", "abc", "using 524288");
        assertWarning(w.get(1), "'depth'", "-1", "using 64");
        assertWarning(w.get(2), "'jfr'", "maybe", "using on");
        assertWarning(w.get(3), "'log'", "loud", "using INFO");
        assertWarning(w.get(4), "unknown", "'port2'");
        assertWarning(w.get(5), "'maxSeconds'", "using 300");
        assertWarning(w.get(6), "'host'");
    }

    @Test
    void outOfRangeNumbersAreRejected() {
        AgentArgs a = AgentArgs.parse("port=65536,depth=1025,growthWindow=9,rate=" + ((1L << 40) + 1));
        assertEquals(6060, a.port());
        assertEquals(64, a.depth());
        assertEquals(AgentArgs.DEFAULT_GROWTH_WINDOW_SECONDS, a.growthWindowSeconds());
        assertEquals(AgentArgs.DEFAULT_RATE, a.rate());
        assertEquals(4, a.warnings().size(), a.warnings().toString());
        AgentArgs edges = AgentArgs.parse("port=65535,depth=1024,rate=" + (1L << 40));
        assertEquals(65535, edges.port());
        assertEquals(1024, edges.depth());
        assertEquals(List.of(), edges.warnings());
    }

    @Test
    void aKeyWithoutValueIsABadValueNotAnUnknownKey() {
        AgentArgs a = AgentArgs.parse("port");
        assertEquals(6060, a.port());
        assertWarning(a.warnings().get(0), "'port'");
    }

    @Test
    void theTokenNeverShowsInToStringOrWarnings() {
        AgentArgs a = AgentArgs.parse("token=s3cret,port=bad,bogus=1");
        assertEquals("s3cret", a.token());
        assertFalse(a.toString().contains("s3cret"), a.toString());
        assertTrue(a.toString().contains("token=***"), a.toString());
        assertEquals(2, a.warnings().size());
        a.warnings().forEach(w -> assertFalse(w.contains("s3cret"), w));
        assertTrue(AgentArgs.parse("").toString().contains("token=none"));
    }

    @Test
    void anEmptyTokenIsIgnoredWithAWarning() {
        AgentArgs a = AgentArgs.parse("token=");
        assertNull(a.token());
        assertWarning(a.warnings().get(0), "'token'");
    }

    @Test
    void captureArgumentsParseWithTheirUnits() {
        assertFalse(AgentArgs.parse("").captures().enabled(), "captures are off by default");
        CaptureSettings defaults = AgentArgs.parse("captureDir=/var/tmp/caps").captures();
        assertEquals(Path.of("/var/tmp/caps"), defaults.directory());
        assertFalse(defaults.threshold().isSet());
        assertEquals(Duration.ofMinutes(5), defaults.interval());
        assertEquals(20, defaults.max());

        CaptureSettings c = AgentArgs.parse("captureDir=caps,captureThreshold=768m,captureInterval=90s,captureMax=3")
                .captures();
        assertEquals(768L << 20, c.threshold().resolve(1L << 30));
        assertEquals(Duration.ofSeconds(90), c.interval());
        assertEquals(3, c.max());
        assertEquals(800L << 20, AgentArgs.parse("captureThreshold=80%").captures().threshold().resolve(1000L << 20));
        assertEquals(-1, AgentArgs.parse("captureThreshold=80%").captures().threshold().resolve(Long.MAX_VALUE),
                "no percentage of an unbounded heap");
        for (String[] t : new String[][]{{"123", "123"}, {"4k", "4096"}, {"2G", "2147483648"}, {"100%", "100%"}}) {
            assertEquals(t[1], AgentArgs.parse("captureDir=d,captureThreshold=" + t[0]).captures().threshold()
                    .toString(), t[0]);
        }
        for (String[] t : new String[][]{{"7", "7"}, {"7s", "7"}, {"2m", "120"}, {"1h", "3600"}, {"7d", "300"}}) {
            AgentArgs a = AgentArgs.parse("captureDir=d,captureInterval=" + t[0]);
            assertEquals(Long.parseLong(t[1]), a.captures().interval().toSeconds(), t[0]);
        }
        assertEquals(List.of(), AgentArgs.parse("captureDir=d,captureMax=10000,captureInterval=604800").warnings());
    }

    @Test
    void badCaptureValuesWarnNamingTheKeyAndKeepTheDefault() {
        AgentArgs a = AgentArgs.parse("captureDir=d,captureThreshold=80,captureThreshold=0,captureThreshold=101%,"
                + "captureThreshold=1.5g,captureThreshold=-1m,captureInterval=0,captureInterval=5x,"
                + "captureInterval=604801,captureMax=0,captureMax=10001,captureMax=x,captureThreshold=m");
        CaptureSettings c = a.captures();
        assertEquals(80, c.threshold().bytes(), "the one good value applied");
        assertEquals(Duration.ofMinutes(5), c.interval());
        assertEquals(20, c.max());
        List<String> w = a.warnings();
        assertEquals(11, w.size(), w.toString());
        assertWarning(w.get(0), "'captureThreshold'", "(0)", "using 80");
        assertWarning(w.get(1), "'captureThreshold'", "(101%)", "percentage");
        assertWarning(w.get(4), "'captureInterval'", "(0)", "using 300");
        assertWarning(w.get(7), "'captureMax'", "(0)", "from 1 to 10000", "using 20");
        assertWarning(w.get(10), "'captureThreshold'", "(m)");
        assertWarning(AgentArgs.parse("captureDir=").warnings().get(0), "'captureDir'");
    }

    @Test
    void captureSettingsWithoutADirectoryAreOneWarning() {
        AgentArgs a = AgentArgs.parse("captureThreshold=80%,captureMax=3");
        assertFalse(a.captures().enabled());
        assertEquals(1, a.warnings().size(), a.warnings().toString());
        assertWarning(a.warnings().get(0), "without captureDir");
    }

    private static void assertWarning(String warning, String... fragments) {
        for (String f : fragments) {
            assertTrue(warning.contains(f), "'" + warning + "' should contain '" + f + "'");
        }
    }
}
