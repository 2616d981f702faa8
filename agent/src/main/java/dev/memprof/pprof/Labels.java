package dev.memprof.pprof;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The string and numeric labels of one sample, in insertion order. Immutable once built. */
public final class Labels {

    public static final Labels NONE = new Labels(List.of());

    /** One label: either {@code str} is set, or {@code num} (with an optional unit). */
    public record Label(String key, String str, long num, String numUnit) {
    }

    private final List<Label> labels;

    private Labels(List<Label> labels) {
        this.labels = labels;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Labels of(String key, String value) {
        return builder().str(key, value).build();
    }

    public List<Label> asList() {
        return labels;
    }

    public static final class Builder {
        private final List<Label> labels = new ArrayList<>(4);

        public Builder str(String key, String value) {
            if (value != null) {
                labels.add(new Label(key, value, 0, null));
            }
            return this;
        }

        public Builder num(String key, long value) {
            labels.add(new Label(key, null, value, null));
            return this;
        }

        public Builder num(String key, long value, String unit) {
            labels.add(new Label(key, null, value, unit));
            return this;
        }

        public Labels build() {
            return labels.isEmpty() ? NONE : new Labels(Collections.unmodifiableList(new ArrayList<>(labels)));
        }
    }
}
