package io.tableaurelay.message.sms;

/**
 * Keeps an SMS to one segment: 160 GSM-7 characters, or 70 when any character needs UCS-2. A longer text is
 * cut at the end and marked with "...", which is why the SMS template puts the item name last.
 */
public class SmsSegment {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";
    private static final int GSM_LIMIT = 160;
    private static final int UCS2_LIMIT = 70;
    private static final String ELLIPSIS = "...";

    public String fit(String text) {
        String line = text.strip();
        if (isGsm(line)) {
            if (gsmLength(line) <= GSM_LIMIT) {
                return line;
            }
            String cut = line;
            while (gsmLength(cut) + ELLIPSIS.length() > GSM_LIMIT) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut.strip() + ELLIPSIS;
        }
        if (line.length() <= UCS2_LIMIT) {
            return line;
        }
        int end = UCS2_LIMIT - ELLIPSIS.length();
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end).strip() + ELLIPSIS;
    }

    static boolean isGsm(String text) {
        return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENDED.indexOf(c) >= 0);
    }

    static int gsmLength(String text) {
        return text.chars().map(c -> GSM_EXTENDED.indexOf(c) >= 0 ? 2 : 1).sum();
    }
}
