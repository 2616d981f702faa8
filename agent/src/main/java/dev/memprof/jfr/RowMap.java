package dev.memprof.jfr;

/**
 * An open-addressing hash map from a packed {@code long} key to a {@code long[]} row: the per-event lookup of
 * {@link SampleTable}, without boxing or a record's reflective {@code hashCode}.
 */
final class RowMap {

    /** Receives each entry. */
    interface Visitor {
        void visit(long key, long[] row);
    }

    private long[] keys = new long[1024];
    private long[][] rows = new long[1024][];
    private int size;

    int size() {
        return size;
    }

    long[] get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long[] row = rows[i];
            if (row == null) {
                return null;
            }
            if (keys[i] == key) {
                return row;
            }
        }
    }

    void put(long key, long[] row) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (rows[i] == null) {
                keys[i] = key;
                rows[i] = row;
                size++;
                return;
            }
            if (keys[i] == key) {
                rows[i] = row;
                return;
            }
        }
    }

    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (rows[i] != null) {
                v.visit(keys[i], rows[i]);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[][] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2][];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRows[i] != null) {
                put(oldKeys[i], oldRows[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
