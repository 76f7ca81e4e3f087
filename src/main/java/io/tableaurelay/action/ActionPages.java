package io.tableaurelay.action;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What {@code /actions/{token}} answers: a GET shows what the link will do and a button (so that link previews and
 * mail scanners, which fetch every link, never act); a POST does it. A forged, altered or expired link gets a plain
 * page saying so, and nothing changes. The link itself is never logged.
 */
public final class ActionPages {

    private final ActionSettings settings;
    private final LinkSigner signer;
    private final ActionTaker taker;
    /** Exchange properties for the route to log, count and record: what was done, to what, by whom, how it went. */
    static final String ACTION = "action";
    static final String ITEM = "actionItem";
    static final String BY = "actionBy";
    static final String OUTCOME = "actionOutcome";
    static final String DETAIL = "actionDetail";
    private final Clock clock;

    ActionPages(ActionSettings settings, LinkSigner signer, ActionTaker taker, Clock clock) {
        this.settings = settings;
        this.signer = signer;
        this.taker = taker;
        this.clock = clock;
    }

    /** The actions route exists only while actions are on. */
    public boolean isOn() {
        return settings.isOn();
    }

    /** Answers the request with a page: the body, its status and content type. */
    public void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        String token = message.getHeader("token", String.class);
        boolean post = "POST".equals(message.getHeader(Exchange.HTTP_METHOD, String.class));
        String sender = message.getHeader("relaySender", "?", String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("Referrer-Policy", "no-referrer");
        Page page;
        try {
            ActionLink link = signer.read(token, clock.instant());
            exchange.setProperty(ACTION, link.action().id());
            exchange.setProperty(ITEM, link.itemInWords());
            exchange.setProperty(BY, "a link from " + link.channel());
            page = post ? act(link) : confirm(link);
        } catch (LinkSigner.BadLink e) {
            exchange.setProperty(ACTION, "unknown");
            exchange.setProperty(ITEM, "a link it refused");
            exchange.setProperty(BY, sender);
            page = new Page(e.status(), "Link not valid", e.getMessage(), "", "refused", e.getMessage());
        }
        exchange.setProperty(OUTCOME, page.outcome());
        exchange.setProperty(DETAIL, page.detail());
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, page.status());
        message.setBody(page.html());
    }

    private Page confirm(ActionLink link) {
        return new Page(200, title(link), link.action().describe(link.itemInWords(), settings.snoozeInWords()),
                link.action().button(), "shown", "");
    }

    private Page act(ActionLink link) {
        ActionTaker.Done done = taker.take(link, "a link from " + link.channel());
        return new Page(done.worked() ? 200 : 502, done.title(), done.sentence(), "", done.outcome(), done.detail());
    }

    private String title(ActionLink link) {
        return (link.action() == Action.SNOOZE ? "Snooze " + settings.snoozeInWords() : link.action().button()) + ": "
                + link.itemInWords();
    }

    /** A page and, for the route's log line, metric and delivery log, how the action went ({@code outcome}). */
    private record Page(int status, String title, String sentence, String button, String outcome, String detail) {

        String html() {
            return button.isEmpty() ? Pages.result(title, sentence) : Pages.confirm(title, sentence, button);
        }
    }
}
