package io.tableaurelay.action;

import java.time.Clock;

import io.tableaurelay.registration.TableauItems;
import io.tableaurelay.settings.Settings;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acting from the alert (docs/actions.md): {@code actionLinks} for the channel route (the signed links of a failed
 * refresh's message), {@code muteCheck} for the receive route (is the item muted? does this success end a mute?),
 * {@code actionPages} for the actions route (/actions/{token}), and {@code itemMutes} (kept in the broker) for the
 * status page. Says in the startup log whether the links are on.
 */
public class ActionConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ActionConfiguration.class);

    @BindToRegistry
    public ActionSettings actionSettings(CamelContext context) {
        ActionSettings settings = ActionSettings.from(new Settings(context));
        if (!settings.isOn() && new Settings(context).isSet("actions.base-url")) {
            LOG.warn(settings.startupLine());
        } else {
            LOG.info(settings.startupLine());
        }
        return settings;
    }

    @BindToRegistry(lazy = true)
    public ItemMutes itemMutes(@BeanInject("brokerConnections") ConnectionFactory broker) {
        return new ItemMutes(broker);
    }

    @BindToRegistry(lazy = true)
    public ActionLinks actionLinks(@BeanInject("actionSettings") ActionSettings settings) {
        return new ActionLinks(settings, signer(settings), Clock.systemUTC());
    }

    @BindToRegistry(lazy = true)
    public MuteCheck muteCheck(@BeanInject("actionSettings") ActionSettings settings,
            @BeanInject("itemMutes") ItemMutes mutes) {
        return new MuteCheck(settings, mutes, Clock.systemUTC());
    }

    @BindToRegistry(lazy = true)
    public ActionPages actionPages(@BeanInject("actionSettings") ActionSettings settings,
            @BeanInject("itemMutes") ItemMutes mutes, @BeanInject("tableauItems") TableauItems tableau) {
        return new ActionPages(settings, signer(settings), new ActionTaker(settings, mutes, tableau, Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** Slack's interactivity URL: only with actions on and slack.signing-secret set. */
    @BindToRegistry(lazy = true)
    public SlackInteractions slackInteractions(@BeanInject("actionSettings") ActionSettings settings,
            @BeanInject("itemMutes") ItemMutes mutes, @BeanInject("tableauItems") TableauItems tableau) {
        return new SlackInteractions(settings.slackButtons() ? new SlackSignature(settings.slackSigningSecret()) : null,
                signer(settings), new ActionTaker(settings, mutes, tableau, Clock.systemUTC()), Clock.systemUTC());
    }

    /** With Slack's buttons in place, POST /slack/interactivity on the public port (once its router exists). */
    @Override
    public void configure(CamelContext context) throws Exception {
        ActionSettings settings = context.getRegistry().lookupByNameAndType("actionSettings", ActionSettings.class);
        if (settings.slackButtons()) {
            Settings all = new Settings(context);
            context.addStartupListener(new SlackInteractivityUrl(Integer.parseInt(all.get("camel.server.port")),
                    Long.parseLong(all.get("webhook.max-body-bytes"))));
        }
    }

    /** The links' signer; none while actions are off (there is no key then, and no link is made or read). */
    private static LinkSigner signer(ActionSettings settings) {
        return settings.isOn() ? new LinkSigner(settings.secret()) : null;
    }
}
