package io.tableaurelay.action;

import java.time.Duration;

import io.tableaurelay.settings.Settings;

/**
 * The actions.* settings: on when actions.base-url (the relay's public address) is set, and then only with
 * actions.secret, the key that signs the links; how long a link lives and how long a snooze lasts.
 */
record ActionSettings(String offReason, String baseUrl, String secret, Duration linkTtl, Duration snooze,
        String slackSigningSecret) {

    static ActionSettings from(Settings settings) {
        Duration ttl = settings.duration("actions.link-ttl");
        Duration snooze = settings.duration("actions.snooze");
        if (!settings.isSet("actions.base-url")) {
            return new ActionSettings("actions.base-url is empty", "", "", ttl, snooze, "");
        }
        if (settings.get("actions.secret").length() < 16) {
            return new ActionSettings("set actions.secret, at least 16 characters (openssl rand -hex 32)", "", "",
                    ttl, snooze, "");
        }
        String base = settings.url("actions.base-url");
        return new ActionSettings("", base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                settings.get("actions.secret"), ttl, snooze, settings.get("slack.signing-secret"));
    }

    boolean isOn() {
        return offReason.isEmpty();
    }

    /** Slack's buttons act in place (the relay serves Slack's interactivity URL) when slack.signing-secret is set. */
    boolean slackButtons() {
        return isOn() && !slackSigningSecret.isEmpty();
    }

    /** "4 h", "30 min": the snooze's length for the links and pages. */
    String snoozeInWords() {
        long minutes = snooze.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    String startupLine() {
        return isOn() ? "Messages about failed refreshes carry action links (refresh, mute, snooze " + snoozeInWords()
                + ") to " + baseUrl + "/actions/..., valid for " + linkTtl.toHours() + " h"
                + (slackButtons() ? "; Slack's buttons act in place (interactivity URL " + baseUrl
                        + "/slack/interactivity)" : "")
                : "Messages carry no action links: " + offReason;
    }

    @Override
    public String toString() {
        return "ActionSettings[" + baseUrl + "]";
    }
}
