package io.tableaurelay.channel;

/**
 * An e-mail channel's templates: its {@code template}, the HTML body ({@code email.html.vm}), and beside it the subject
 * and the plain-text part, named after it ({@code email.subject.vm}, {@code email.txt.vm}). The startup check and the
 * e-mail message both name them through here.
 */
public record EmailTemplates(String html, String subject, String text) {

    public static EmailTemplates of(String htmlTemplate) {
        String name = htmlTemplate.replaceFirst("(\\.html)?\\.vm$", "");
        return new EmailTemplates(htmlTemplate, name + ".subject.vm", name + ".txt.vm");
    }
}
