package dev.memprof.alloc;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rewrites one method so that each allocation reports to {@code AllocationHook} right after it happens:
 * <ul>
 *   <li>{@code new C} + {@code dup} + {@code invokespecial C.<init>}: after the constructor returns (the object is
 *       only usable then), with C's size slot;</li>
 *   <li>{@code newarray}, {@code anewarray}: with the length and element size;</li>
 *   <li>{@code multianewarray}: the whole tree;</li>
 *   <li>calls that return fresh arrays the JIT may intrinsify, so their bodies are not seen ({@code Arrays.copyOf*},
 *       {@code Array.newInstance}, {@code Unsafe.allocateUninitializedArray}, array {@code clone()}): at the call site,
 *       which also makes the caller (e.g. {@code ArrayList.grow}) the leaf frame.</li>
 * </ul>
 * The inserted code is straight-line (a dup, constants and a static call), so stack map frames stay valid; only
 * the maximum stack grows, by at most {@link #EXTRA_STACK}.
 */
final class AllocationSiteVisitor extends MethodVisitor {

    static final String HOOK = "dev/memprof/bootstrap/AllocationHook";
    static final int EXTRA_STACK = 3;

    /** A {@code new} waiting for its constructor; {@code tracked} is false when javac's dup pattern is absent. */
    private record PendingNew(String type, boolean tracked) {
    }

    private final ClassSlots slots;
    private final Deque<PendingNew> pending = new ArrayDeque<>();
    private String lastNewType;

    AllocationSiteVisitor(MethodVisitor mv, ClassSlots slots) {
        super(Opcodes.ASM9, mv);
        this.slots = slots;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        flushNew(false);
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW) {
            lastNewType = type; // tracked only if the next instruction is dup
        } else if (opcode == Opcodes.ANEWARRAY) {
            reportArray(-1);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (lastNewType != null) {
            flushNew(opcode == Opcodes.DUP);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        flushNew(false);
        super.visitIntInsn(opcode, operand);
        if (opcode == Opcodes.NEWARRAY) {
            reportArray(elementShift(operand));
        }
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flushNew(false);
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        super.visitInsn(Opcodes.DUP);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "multiArray", "(Ljava/lang/Object;)V", false);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        flushNew(false);
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            PendingNew p = pending.peek();
            if (p != null && p.type.equals(owner)) {
                pending.pop();
                if (p.tracked) {
                    // javac's pattern leaves the dup'ed reference on top of the stack
                    super.visitInsn(Opcodes.DUP);
                    pushInt(slots.slotFor(owner));
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "object", "(Ljava/lang/Object;I)V", false);
                }
            }
        } else if (ArrayFactories.returnsFreshArray(opcode, owner, name, descriptor)) {
            super.visitInsn(Opcodes.DUP);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "anyArray", "(Ljava/lang/Object;)V", false);
        }
    }

    // Any other instruction between a new and its dup means javac's pattern is absent.
    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        flushNew(false);
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        flushNew(false);
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitLdcInsn(Object value) {
        flushNew(false);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
        flushNew(false);
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm,
                                       Object... bsmArgs) {
        flushNew(false);
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    /** Stack: array -> array; reports length and element shift. */
    private void reportArray(int shift) {
        super.visitInsn(Opcodes.DUP);
        super.visitInsn(Opcodes.DUP);
        super.visitInsn(Opcodes.ARRAYLENGTH);
        pushInt(shift);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "array", "(Ljava/lang/Object;II)V", false);
    }

    private void flushNew(boolean followedByDup) {
        if (lastNewType != null) {
            pending.push(new PendingNew(lastNewType, followedByDup));
            lastNewType = null;
        }
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            super.visitLdcInsn(v);
        }
    }

    private static int elementShift(int atype) {
        return switch (atype) {
            case Opcodes.T_BOOLEAN, Opcodes.T_BYTE -> 0;
            case Opcodes.T_CHAR, Opcodes.T_SHORT -> 1;
            case Opcodes.T_INT, Opcodes.T_FLOAT -> 2;
            default -> 3; // long, double
        };
    }
}
