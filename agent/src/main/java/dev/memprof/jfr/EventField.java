package dev.memprof.jfr;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One named field of JFR events, read by position instead of by name.
 *
 * <p>Why: {@link RecordedObject#getValue(String)} scans the event's field list comparing names on every call. With
 * four fields read per event, that scan was two thirds of a large conversion, more than the JDK's parsing itself.
 * The parser keeps an event's values in an array in the order of {@link RecordedEvent#getFields()}, minus the leading
 * timestamp fields it stores apart. When {@code jdk.jfr.consumer} is open to us ({@link #openTo}, or
 * {@code Add-Opens} in the jar's manifest for the CLI), this reads that array at a position found once per event
 * type. Each position is checked against {@code getValue} on the first events of its type; a mismatch (a JDK that
 * lays events out differently) or a closed package falls back to {@code getValue}, so the values are the same
 * either way and only the speed differs.
 *
 * <p>Instances hold only a benign racy cache of positions, and may be shared between threads.
 */
final class EventField {

    /** Events of a new type checked against {@code getValue} before the position is trusted alone. */
    private static final int CHECKED_EVENTS = 8;

    /** The position of this field for one event type (identified by its field list), or -1 to use the name. */
    private record Position(List<ValueDescriptor> fields, int index, int checksLeft) {
    }

    /** Event types remembered at once; a converter reads a field from two or three types, in turn. */
    private static final int MAX_TYPES = 16;

    private final String name;
    private Position[] positions = new Position[0];

    private EventField(String name) {
        this.name = name;
    }

    static EventField named(String name) {
        return new EventField(Objects.requireNonNull(name));
    }

    String name() {
        return name;
    }

    /** The field's value, as {@code event.getValue(name)} returns it; throws as it does when there is none. */
    Object get(RecordedEvent event) {
        if (Values.HANDLE == null) {
            return event.getValue(name);
        }
        List<ValueDescriptor> fields = event.getFields();
        Position p = find(fields);
        if (p == null) {
            p = locate(event, fields);
        }
        if (p.index < 0) {
            return event.getValue(name);
        }
        Object value = ((Object[]) Values.HANDLE.get(event))[p.index];
        if (p.checksLeft > 0) {
            Position checked = check(event, p, value);
            replace(p, checked);
            if (checked.index < 0) {
                return event.getValue(name);
            }
        }
        return value;
    }

    private Position find(List<ValueDescriptor> fields) {
        for (Position p : positions) {
            if (p.fields == fields) {
                return p;
            }
        }
        return null;
    }

    // Copy on write: a lost update between threads only costs a check or a lookup again.
    private void replace(Position old, Position now) {
        Position[] ps = positions.clone();
        for (int i = 0; i < ps.length; i++) {
            if (ps[i] == old) {
                ps[i] = now;
                positions = ps;
                return;
            }
        }
    }

    private void add(Position p) {
        Position[] ps = positions;
        if (ps.length >= MAX_TYPES) {
            ps = new Position[0];
        }
        Position[] grown = java.util.Arrays.copyOf(ps, ps.length + 1);
        grown[ps.length] = p;
        positions = grown;
    }

    /** True when values are read by position (the package is open to us); false when every read goes by name. */
    static boolean fast() {
        return Values.HANDLE != null;
    }

    /**
     * Opens {@code jdk.jfr.consumer} to the agent's module so that conversions inside the agent read by position.
     * Failing is harmless: reads then go by name.
     */
    static void openTo(Instrumentation inst, Module agent) {
        Module jfr = RecordedObject.class.getModule();
        if (inst.isModifiableModule(jfr)) {
            inst.redefineModule(jfr, Set.of(), Map.of(), Map.of("jdk.jfr.consumer", Set.of(agent)), Set.of(),
                    Map.of());
        }
    }

    private Position locate(RecordedEvent event, List<ValueDescriptor> fields) {
        int index = -1;
        Object[] values = (Object[]) Values.HANDLE.get(event);
        int skipped = fields.size() - values.length; // startTime, and duration for timed events
        for (int i = skipped; i < fields.size(); i++) {
            if (name.equals(fields.get(i).getName())) {
                index = i - skipped;
                break;
            }
        }
        Position p = new Position(fields, index, index < 0 ? 0 : CHECKED_EVENTS);
        add(p);
        return p;
    }

    private Position check(RecordedEvent event, Position p, Object value) {
        Object expected = event.getValue(name);
        if (expected != value && !Objects.equals(expected, value)) {
            return new Position(p.fields, -1, 0);
        }
        return new Position(p.fields, p.index, p.checksLeft - 1);
    }

    /** Looked up on first use, so that {@link #openTo} at agent start comes first. */
    private static final class Values {
        static final VarHandle HANDLE = lookup();

        private static VarHandle lookup() {
            try {
                return MethodHandles.privateLookupIn(RecordedObject.class, MethodHandles.lookup())
                        .findVarHandle(RecordedObject.class, "objects", Object[].class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // not open to us, or a JDK without the field: read by name
            }
        }
    }
}
