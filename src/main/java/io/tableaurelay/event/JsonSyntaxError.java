package io.tableaurelay.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says where a body stops being JSON, and which character is there, as a person can act on it:
 * {@code unexpected character U+00A0 at line 2, column 3 (NO-BREAK SPACE)}. The answer names the character by its
 * code and Unicode name, never by the character itself, and never repeats the request.
 */
final class JsonSyntaxError {

    /** Jackson names the character it stumbled on as "(code 160 / 0xa0)" or "(CTRL-CHAR, code 1)". */
    private static final Pattern CODE = Pattern.compile("\\bcode (\\d+)");

    private JsonSyntaxError() {
    }

    static String describe(String body, JsonProcessingException error) {
        if (error instanceof StreamConstraintsException) {
            return String.valueOf(error.getOriginalMessage()).contains("nesting")
                    ? "nested more than " + InputLimits.MAX_NESTING_DEPTH + " levels deep"
                    : "a number or name is longer than allowed";
        }
        JsonLocation location = error.getLocation();
        if (location == null || location.getCharOffset() < 0) {
            return "not a JSON value";
        }
        int offset = (int) location.getCharOffset();
        if (error instanceof MismatchedInputException) {
            // the only mismatch a tree can have: text after the first value (InputLimits: FAIL_ON_TRAILING_TOKENS)
            return "a second value starts at " + position(location, 0);
        }
        int at = error instanceof JsonEOFException ? body.length() : offending(body, offset, error);
        if (at >= body.length()) {
            return "the body ends too early, at " + position(location, offset - at);
        }
        int character = body.codePointAt(at);
        String name = Character.getName(character);
        return "unexpected character " + String.format("U+%04X", character) + " at " + position(location, offset - at)
                + (name == null ? "" : " (" + name + ")");
    }

    /**
     * Where the offending character is. Jackson points at it, or just after it for a character between tokens, or
     * after a whole word it does not know (say an unquoted {@code WorkbookRefreshFailed}): then at its start.
     */
    private static int offending(String body, int offset, JsonProcessingException error) {
        Matcher code = CODE.matcher(String.valueOf(error.getOriginalMessage()));
        if (code.find()) {
            int character = Integer.parseInt(code.group(1));
            return !holds(body, offset, character) && holds(body, offset - 1, character) ? offset - 1 : offset;
        }
        int start = Math.min(offset, body.length());
        while (start > 0 && Character.isJavaIdentifierPart(body.charAt(start - 1))
                && !Character.isIdentifierIgnorable(body.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean holds(String body, int index, int character) {
        return index >= 0 && index < body.length() && body.charAt(index) == character;
    }

    private static String position(JsonLocation location, int columnsBack) {
        return "line " + location.getLineNr() + ", column " + (location.getColumnNr() - columnsBack);
    }
}
