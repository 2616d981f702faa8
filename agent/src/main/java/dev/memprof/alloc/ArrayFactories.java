package dev.memprof.alloc;

import net.bytebuddy.jar.asm.Opcodes;

/**
 * Methods that return a freshly allocated array but whose allocation the bytecode of the caller does not show, or
 * that the JIT replaces with an intrinsic so that their own bytecode never runs. They are counted at the call site,
 * and their bodies are not instrumented (see {@link #isFactoryBody}), so that nothing is counted twice.
 */
final class ArrayFactories {

    private ArrayFactories() {
    }

    static boolean returnsFreshArray(int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKESTATIC) {
            return switch (owner) {
                case "java/util/Arrays" -> (name.equals("copyOf") || name.equals("copyOfRange"))
                        && descriptor.substring(descriptor.indexOf(')') + 1).startsWith("[");
                case "java/lang/reflect/Array" -> name.equals("newInstance");
                default -> false;
            };
        }
        if (opcode == Opcodes.INVOKEVIRTUAL) {
            if (owner.startsWith("[") && name.equals("clone")) {
                return true;
            }
            return owner.equals("jdk/internal/misc/Unsafe") && name.equals("allocateUninitializedArray");
        }
        return false;
    }

    /** True for the bodies that are counted at their call sites instead. */
    static boolean isFactoryBody(String internalClassName, String methodName) {
        return switch (internalClassName) {
            case "java/util/Arrays" -> methodName.equals("copyOf") || methodName.equals("copyOfRange");
            case "jdk/internal/misc/Unsafe" -> methodName.equals("allocateUninitializedArray")
                    || methodName.equals("allocateUninitializedArray0");
            default -> false;
        };
    }
}
