package io.tableaurelay.event;

/** Small text clean-ups that every channel needs. */
public final class Text {

    private static final String ELLIPSIS = "...";

    private Text() {
    }

    /**
     * Drops control characters (line breaks, and Unicode's line and paragraph separators) and trims; names stay
     * in full Unicode otherwise.
     */
    public static String withoutControlCharacters(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cc}\\u2028\\u2029]", "").trim();
    }

    /**
     * The text cut to at most {@code max} characters, ending in "..." when cut (ASCII, so that an SMS stays in
     * GSM-7); never splits a surrogate pair.
     */
    public static String shortened(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip() + ELLIPSIS;
    }
}
