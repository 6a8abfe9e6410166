package io.vrrpd.protocol;

import java.util.Objects;

/**
 * Result of a step on the receive path: either a value or a drop with its reason. The codec answers bad
 * input with a {@link Dropped}, never with an exception, so the receiver can count and rate-limit.
 *
 * @param <T> the value of a successful step
 */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.Dropped {

    /** A successful step. */
    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A dropped datagram.
     *
     * @param reason the rule that failed
     * @param detail a short text for a log line, e.g. {@code "advert_int 2 s, expected 1 s"}; never a
     *               password
     */
    record Dropped<T>(DropReason reason, String detail) implements Outcome<T> {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> dropped(DropReason reason, String detail) {
        return new Dropped<>(reason, detail);
    }

    /** True for {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /** Re-types a drop so it can be returned from a step with another value type. */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> asDropped() {
        if (this instanceof Dropped) {
            return (Outcome<U>) this;
        }
        throw new IllegalStateException("not a drop: " + this);
    }
}
