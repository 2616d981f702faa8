package dev.memprof;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BootstrapInjectorTest {

    /** The injector reads the bootstrap classes by name from the jar: a class missing from its list would be absent. */
    @Test
    void listsEveryClassOfTheBootstrapPackage() throws IOException {
        Path dir = Path.of("target/classes", BootstrapInjector.PACKAGE_PATH);
        List<String> compiled;
        try (Stream<Path> files = Files.list(dir)) {
            compiled = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted().toList();
        }
        assertEquals(compiled, BootstrapInjector.CLASSES.stream().sorted().toList());
    }
}
