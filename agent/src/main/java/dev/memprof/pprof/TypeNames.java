package dev.memprof.pprof;

/** Class names as Java source writes them, which is how every profile labels an allocated class. */
public final class TypeNames {

    private TypeNames() {
    }

    /**
     * {@code byte[]} for {@code [B}, {@code java.lang.String[][]} for {@code [[Ljava.lang.String;}; a name that is
     * not an array descriptor is returned as it is.
     */
    public static String sourceName(String binary) {
        int dims = 0;
        while (dims < binary.length() && binary.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return binary;
        }
        String element = binary.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }
}
