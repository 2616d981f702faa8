package dev.memprof.pprof;

import java.util.Objects;

/**
 * One Java stack frame as pprof will show it.
 *
 * @param className  binary class name with dots, e.g. {@code java.util.HashMap}
 * @param methodName method name, e.g. {@code resize}
 * @param descriptor JVM method descriptor such as {@code ()[Ljava/util/HashMap$Node;}, or null when unknown
 * @param fileName   source file name as the class file states it ({@code HashMap.java}), or null
 * @param line       source line, or 0 when unknown (negative values are treated as unknown)
 */
public record Frame(String className, String methodName, String descriptor, String fileName, int line) {

    public Frame {
        if (line < 0) {
            line = 0;
        }
    }

    // Hand-written: a record's generated equals and hashCode go through method handles, and stacks are hashed
    // frame by frame on every allocation sample. Frames are mostly canonical instances, so identity comes first.
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Frame f && line == f.line && Objects.equals(className, f.className)
                && Objects.equals(methodName, f.methodName) && Objects.equals(descriptor, f.descriptor)
                && Objects.equals(fileName, f.fileName);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(className);
        h = h * 31 + Objects.hashCode(methodName);
        h = h * 31 + Objects.hashCode(descriptor);
        h = h * 31 + Objects.hashCode(fileName);
        return h * 31 + line;
    }

    /** A frame without class or source information, for synthetic entries such as {@code [memprof: truncated]}. */
    public static Frame synthetic(String name) {
        return new Frame("", name, null, null, 0);
    }

    public static Frame of(StackTraceElement e) {
        return new Frame(e.getClassName(), e.getMethodName(), null, e.getFileName(), e.getLineNumber());
    }

    /**
     * A walked frame. The walker must have {@link StackWalker.Option#RETAIN_CLASS_REFERENCE}: from JDK 22 on,
     * {@code getDescriptor()} throws without it.
     */
    public static Frame of(StackWalker.StackFrame f) {
        return new Frame(f.getClassName(), f.getMethodName(), descriptorOf(f), f.getFileName(), f.getLineNumber());
    }

    /** The descriptor, or null where the walker cannot give it (JDK 25 needs RETAIN_CLASS_REFERENCE for it). */
    public static String descriptorOf(StackWalker.StackFrame f) {
        try {
            return f.getDescriptor();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** pprof function name: dotted class, then method ({@code java.util.HashMap.resize}). */
    public String functionName() {
        return className.isEmpty() ? methodName : className + "." + methodName;
    }

    /** The function name with the JVM signature appended when it is known. */
    public String systemName() {
        return descriptor == null ? functionName() : functionName() + descriptor;
    }

    /**
     * Source path relative to the class path root, e.g. {@code java/util/HashMap.java}, so pprof's
     * {@code -list} and {@code -lines} views point at the right file. Empty when the class file names no source.
     */
    public String sourcePath() {
        if (fileName == null || fileName.isEmpty()) {
            return "";
        }
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? fileName : className.substring(0, lastDot + 1).replace('.', '/') + fileName;
    }
}
