package dev.memprof.sessions;

import dev.memprof.bootstrap.ThreadExitHook;
import dev.memprof.instrument.BytecodeTransformer;
import dev.memprof.instrument.MethodRewriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Rewrites the private {@code java.lang.Thread.exit()}, which the JVM runs on a platform thread just before it
 * ends, to begin with {@code ThreadExitHook.onExit(this)}: the thread still runs there, so its allocation counter
 * is still readable ({@link AllocatedBytes}).
 */
public final class ThreadExitInstrumentation implements MethodRewriter {

    private static final String THREAD = "java/lang/Thread";

    public static void install(Instrumentation inst, ThreadExitHook.Listener listener) {
        ThreadExitHook.install(listener);
        BytecodeTransformer t = new BytecodeTransformer("thread exit", new ThreadExitInstrumentation());
        t.register(inst);
        t.retransformLoaded(inst, c -> c == Thread.class);
    }

    @Override
    public boolean appliesTo(String internalClassName, ProtectionDomain domain) {
        return internalClassName.equals(THREAD);
    }

    @Override
    public MethodVisitor rewrite(String internalClassName, String methodName, String descriptor, MethodVisitor next) {
        if (!methodName.equals("exit") || !descriptor.equals("()V")) {
            return next;
        }
        return new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/memprof/bootstrap/ThreadExitHook", "onExit",
                        "(Ljava/lang/Thread;)V", false);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, 1), maxLocals);
            }
        };
    }
}
