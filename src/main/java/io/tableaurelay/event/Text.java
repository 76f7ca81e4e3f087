package io.tableaurelay.event;

/** Small text clean-ups that every channel needs. */
public final class Text {

    private Text() {
    }

    /** Drops control characters (line breaks included) and trims; names stay in full Unicode otherwise. */
    public static String withoutControlCharacters(String text) {
        return text == null ? null : text.replaceAll("\\p{Cc}", "").trim();
    }
}
