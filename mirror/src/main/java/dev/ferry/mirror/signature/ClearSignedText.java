package dev.ferry.mirror.signature;

/**
 * The text of a clear-signed file that its signature covers, and who signed it. Read hashes from {@link #text}
 * only: nothing outside the signed part of the file is in it.
 *
 * @param text     the signed lines, dash-escapes removed, trailing blanks of each line dropped (as signed), each
 *                 ending in {@code \n}
 * @param verified who signed it
 */
public record ClearSignedText(String text, OpenPgpVerified verified) {}
