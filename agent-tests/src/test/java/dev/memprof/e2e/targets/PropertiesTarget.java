package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints "ready" and then, for each stdin line {@code properties}, every system property as {@code property k=v}
 * (values on one line) followed by {@code done properties}: what the JVM holds, as the application sees it.
 */
public final class PropertiesTarget {

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("properties")) {
                for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
                    System.out.println("property " + e.getKey() + "=" + String.valueOf(e.getValue())
                            .replace("\n", "\\n").replace("\r", "\\r"));
                }
                System.out.println("done properties");
            }
        }
    }

    private PropertiesTarget() {
    }
}
