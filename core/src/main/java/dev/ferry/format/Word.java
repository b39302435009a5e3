package dev.ferry.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants users write as lowercase words: the constant's name with {@code -} for {@code _}
 * ({@code ROUTE53} is {@code route53}, {@code CLOUD_INIT} is {@code cloud-init}, {@code PUBLIC_READ} is
 * {@code public-read}). One rule for every such enum, so a lock, a flag and a message spell a value alike.
 */
public interface Word {

    /** The enum constant's name (every enum has it). */
    String name();

    /** The word users write: {@code cloud-init}. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose word is {@code text}, ignoring case and surrounding blanks; empty if none is. */
    static <E extends Enum<E> & Word> Optional<E> find(E[] values, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> v.id().equals(t)).findFirst();
    }

    /** The words of {@code values} for a message: {@code "kops or legacy"}, {@code "a, b or c"}. */
    static String choices(Word[] values) {
        String all = Arrays.stream(values).map(Word::id).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
