package dev.ferry.registry.check;

/**
 * One thing wrong with one image in a target.
 *
 * @param image  the canonical name
 * @param target the name it is checked under in the target (what kOps will ask for)
 * @param detail what was found, with the values
 * @param hint   what the failure said to do, for {@link Kind#UNREADABLE} and {@link Kind#NOT_PULLABLE}; else ""
 */
public record Finding(String image, String target, Kind kind, String detail, String hint) {

    public enum Kind {
        /** Nothing under the image's name. */
        MISSING_IMAGE,
        /** The name points at another manifest than the lock pins. */
        WRONG_DIGEST,
        /** The index is there, a platform's manifest is not. */
        MISSING_PLATFORM,
        /** A manifest is there, a blob it names is not. */
        MISSING_BLOB,
        /** The registry wants a credential (or refused the one given). */
        NOT_PULLABLE,
        /** The registry could not be read (unreachable, an error answer). */
        UNREADABLE
    }
}
