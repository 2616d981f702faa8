package dev.memprof.e2e.targets;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Defines a class whose one method is just under the JVM's 64 KiB code limit and full of allocation sites, so that
 * the agent's rewritten form would be too large. The class must still load and run, untouched.
 */
public final class HugeMethodTarget {

    static final int SITES = 15_000; // 4 bytes each: iconst_1, newarray byte, pop

    public static void main(String[] args) throws Exception {
        byte[] bytes = hugeClass();
        Class<?> c = new ClassLoader(HugeMethodTarget.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("generated.Huge", bytes, 0, bytes.length);
            }
        }.define();
        int result = (int) c.getMethod("run").invoke(null);
        System.out.println("huge method ran: " + result);
    }

    static byte[] hugeClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "generated/Huge", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()I", null, null);
        mv.visitCode();
        for (int i = 0; i < SITES; i++) {
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_BYTE);
            mv.visitInsn(Opcodes.POP);
        }
        mv.visitLdcInsn(SITES);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private HugeMethodTarget() {
    }
}
