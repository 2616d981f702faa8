package dev.memprof.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Makes one method of one class begin with a call to a static hook that takes {@code this}:
 * {@code Hook.method(this)}. Used for {@code Thread.start()} and {@code Thread.exit()}.
 */
public final class EntryCall implements MethodRewriter {

    private final String className;
    private final String methodName;
    private final String descriptor;
    private final String hookOwner;
    private final String hookMethod;
    private final String hookDescriptor;

    /**
     * @param className      internal name of the class to rewrite, e.g. {@code java/lang/Thread}
     * @param methodName     the method to rewrite, with its {@code descriptor}
     * @param hookOwner      internal name of the bootstrap hook class
     * @param hookMethod     the static hook method, taking the instance as its one argument
     * @param hookDescriptor its descriptor, e.g. {@code (Ljava/lang/Thread;)V}
     */
    public EntryCall(String className, String methodName, String descriptor, String hookOwner, String hookMethod,
                     String hookDescriptor) {
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
        this.hookOwner = hookOwner;
        this.hookMethod = hookMethod;
        this.hookDescriptor = hookDescriptor;
    }

    /** Rewrites the class from now on and, if it is already loaded as {@code loaded}, retransforms it. */
    public void install(Instrumentation inst, Class<?> loaded, String what) {
        BytecodeTransformer t = new BytecodeTransformer(what, this);
        t.register(inst);
        t.retransformLoaded(inst, c -> c == loaded);
    }

    @Override
    public boolean appliesTo(String internalClassName, ProtectionDomain domain) {
        return internalClassName.equals(className);
    }

    @Override
    public MethodVisitor rewrite(String internalClassName, String method, String desc, MethodVisitor next) {
        if (!method.equals(methodName) || !desc.equals(descriptor)) {
            return next;
        }
        return new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hookOwner, hookMethod, hookDescriptor, false);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, 1), maxLocals);
            }
        };
    }
}
