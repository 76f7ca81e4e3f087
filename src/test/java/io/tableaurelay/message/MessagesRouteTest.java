package io.tableaurelay.message;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.slack.api.model.Message;
import io.tableaurelay.channel.Channels;
import io.tableaurelay.message.email.EmailMessages;
import io.tableaurelay.message.http.HttpRequests;
import io.tableaurelay.message.http.JsonMessages;
import io.tableaurelay.message.slack.SlackMessages;
import io.tableaurelay.message.sms.SmsMessages;
import io.tableaurelay.message.teams.TeamsMessages;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/messages.yaml alone, with the shipped templates: what each kind makes of one event, before any endpoint. The
 * e-mail's three parts come from one step; no relay, no broker.
 */
class MessagesRouteTest {

    private static final String EVENT = """
            {"id": "e-1", "eventType": "WorkbookRefreshFailed", "resource": "EXTRACTS", "resourceName": "<b>Sales</b> & Co",
             "createdAt": "2026-12-07T14:05:00Z", "receivedAt": "2026-12-07T14:05:01Z"}""";
    private static CamelContext context;

    @BeforeAll
    static void loadTheRouteFile() throws Exception {
        context = new DefaultCamelContext();
        Templates templates = new Templates(Path.of("routes", "templates"));
        context.getRegistry().bind("slackMessages", new SlackMessages(templates));
        context.getRegistry().bind("smsMessages", new SmsMessages(templates));
        context.getRegistry().bind("emailMessages", new EmailMessages(templates));
        // the JSON kinds post for a channel the relay read from its files; none here
        HttpRequests noChannels = new HttpRequests(new Channels(null));
        context.getRegistry().bind("jsonMessages", new JsonMessages(templates, noChannels));
        context.getRegistry().bind("teamsMessages", new TeamsMessages(templates, noChannels));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/messages.yaml"));
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @Test
    void anEmailGetsItsHtmlBodySubjectAndTextPartInOneStep() {
        Exchange sent = make("email", "email.html.vm");

        String html = sent.getMessage().getBody(String.class);
        assertTrue(html.contains("&lt;b&gt;Sales&lt;/b&gt; &amp; Co"), html);
        assertEquals("[Tableau] Workbook refresh failed: <b>Sales</b> & Co", sent.getMessage().getHeader("Subject"));
        String text = sent.getMessage().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class);
        assertTrue(text.startsWith("Workbook refresh failed: <b>Sales</b> & Co (workbook)"), text);
        assertEquals("text/html; charset=UTF-8", sent.getMessage().getHeader(Exchange.CONTENT_TYPE));
    }

    @Test
    void anEmailSaysWhyTheRefreshFailedAndOffersTheActionLinks() {
        Exchange sent = make("email", "email.html.vm", Map.of("failureReason", "Login failed for user <sa>.",
                "jobLink", "https://tableau.example.com/#/site/s/jobs", "refreshLink", "https://relay/actions/r.1",
                "muteLink", "https://relay/actions/m.1", "snoozeLink", "https://relay/actions/s.1", "snoozeFor", "4 h"));

        String html = sent.getMessage().getBody(String.class);
        assertTrue(html.contains("<td>Login failed for user &lt;sa&gt;. (<a href=\"https://tableau.example.com/#/site/s/"
                + "jobs\">jobs in Tableau</a>)</td>"), html);
        assertTrue(html.contains("<a href=\"https://relay/actions/m.1\">Mute until it recovers</a>"), html);
        String text = sent.getMessage().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class);
        assertTrue(text.contains("Why: Login failed for user <sa>.\n"), text);
        assertTrue(text.contains("Snooze 4 h: https://relay/actions/s.1\n"), text);
    }

    @Test
    void aSlackMessageHasItsNameEscapedForMrkdwn() {
        Message slack = make("slack", "slack.json.vm").getMessage().getBody(Message.class);

        assertTrue(slack.getText().contains("&lt;b&gt;Sales&lt;/b&gt; &amp; Co"), slack.getText());
    }

    @Test
    void anSmsIsOnePlainLine() {
        String sms = make("sms", "sms.txt.vm").getMessage().getBody(String.class);

        assertTrue(sms.startsWith("Tableau: Workbook refresh failed 2026-12-07 14:05 UTC: <b>Sales</b> & Co"), sms);
        assertTrue(sms.length() <= 160, sms);
    }

    private static Exchange make(String kind, String template) {
        return make(kind, template, Map.of());
    }

    private static Exchange make(String kind, String template, Map<String, Object> more) {
        Exchange exchange = context.getEndpoint("direct:" + kind + "-message").createExchange();
        exchange.getMessage().setBody(EVENT);
        Map<String, Object> headers = new HashMap<>(more);
        headers.putAll(Map.of("eventId", "e-1", "eventType", "WorkbookRefreshFailed"));
        exchange.getMessage().setHeaders(headers);
        exchange.setProperty(Templates.PROPERTY, template);
        Exchange done = context.createProducerTemplate().send("direct:" + kind + "-message", exchange);
        if (done.getException() != null) {
            throw new AssertionError(done.getException());
        }
        return done;
    }
}
