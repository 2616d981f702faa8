package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import dev.memprof.instrument.BytecodeTransformer;
import dev.memprof.instrument.MethodRewriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Rewrites {@code java.lang.Thread.start()} to begin with {@code ThreadStartHook.onStart(this)}, so the
 * {@link ThreadCreateRecorder} sees the starter's stack.
 */
public final class ThreadCreateInstrumentation implements MethodRewriter {

    private static final String THREAD = "java/lang/Thread";

    public static void install(Instrumentation inst, ThreadCreateRecorder recorder) {
        ThreadStartHook.install(recorder);
        BytecodeTransformer t = new BytecodeTransformer("thread start", new ThreadCreateInstrumentation());
        t.register(inst);
        t.retransformLoaded(inst, c -> c == Thread.class);
    }

    @Override
    public boolean appliesTo(String internalClassName, ProtectionDomain domain) {
        return internalClassName.equals(THREAD);
    }

    @Override
    public MethodVisitor rewrite(String internalClassName, String methodName, String descriptor, MethodVisitor next) {
        if (!methodName.equals("start") || !descriptor.equals("()V")) {
            return next;
        }
        return new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/memprof/bootstrap/ThreadStartHook", "onStart",
                        "(Ljava/lang/Thread;)V", false);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, 1), maxLocals);
            }
        };
    }
}
