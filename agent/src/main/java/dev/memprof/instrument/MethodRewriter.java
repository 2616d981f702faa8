package dev.memprof.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;

import java.security.ProtectionDomain;

/** One kind of bytecode rewrite: which classes it touches, and the visitor that rewrites a method. */
public interface MethodRewriter {

    /** Cheap pre-check on the class, before its bytes are parsed. */
    boolean appliesTo(String internalClassName, ProtectionDomain domain);

    /** A visitor that rewrites this method into {@code next}, or {@code next} itself to leave it unchanged. */
    MethodVisitor rewrite(String internalClassName, String methodName, String descriptor, MethodVisitor next);
}
