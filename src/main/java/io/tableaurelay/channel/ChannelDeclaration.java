package io.tableaurelay.channel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tableaurelay.security.SecretMask;
import io.tableaurelay.settings.Settings;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.util.TimeUtils;

/**
 * Reads one channel file's {@code templatedRoute} of the channel template into a {@link Channel}, and refuses
 * one that cannot work: no id, a parameter the channel needs left out, a setting that does not exist, a kind the
 * relay does not know, a template file that is not there.
 */
final class ChannelDeclaration {

    /** The kinds of message the relay can make; each is a direct:{kind}-message route (routes/messages.yaml). */
    static final List<String> KINDS = List.of("slack", "sms", "json", "teams", "email");
    static final Path TEMPLATES = Path.of("routes", "templates");
    private static final List<String> REQUIRED = List.of("needs", "events", "kind", "template", "endpoint");
    /** What the events of one group may have in common. */
    static final List<String> GROUP_BY = List.of("eventType", "site", "project", "outcome");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final String file;
    private final Settings settings;

    private ChannelDeclaration(String file, Settings settings) {
        this.file = file;
        this.settings = settings;
    }

    static Channel read(TemplatedRouteDefinition route, Settings settings) {
        String file = route.getResource() == null ? "a channel file" : route.getResource().getLocation();
        return new ChannelDeclaration(file.replaceFirst("^file:", ""), settings).channel(route);
    }

    private Channel channel(TemplatedRouteDefinition route) {
        String id = route.getRouteId();
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("a channel needs a routeId of letters, digits, - and _ (its id, the name of its queue)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (TemplatedRouteParameterDefinition parameter : parametersOf(route)) {
            parameters.put(parameter.getName(), resolve(parameter.getName(), parameter.getValue()));
        }
        for (String required : REQUIRED) {
            if (!parameters.containsKey(required)) {
                throw invalid("the channel needs the parameter " + required + " (see README, \"Add a channel\")");
            }
        }
        String kind = parameters.get("kind");
        if (!KINDS.contains(kind)) {
            throw invalid("parameter kind is " + kind + ", not one of " + KINDS);
        }
        templateFiles(kind, parameters.get("template")).forEach(template -> mustExist(template, "template"));
        wholeNumber(parameters, "rate", "1", 1);
        checkStorms(kind, parameters);
        ChannelFilter filter = new ChannelFilter(parameters.get("events"), parameters.getOrDefault("sites", ""),
                parameters.getOrDefault("projects", ""), parameters.getOrDefault("items", ""));
        rememberSecrets(parameters);
        String missing = new Requirements(parameters.get("needs")).missing(settings);
        return new Channel(id, parameters.getOrDefault("name", id), file, filter, missing,
                Settings.split(parameters.getOrDefault("recipients", "")), Map.copyOf(parameters));
    }

    /**
     * Keeps the channel's secrets out of the log: the settings its {@code secrets} parameter names, the credentials
     * in its own request headers, its signing secret. Refuses headers or a signing secret that are not well formed.
     */
    private void rememberSecrets(Map<String, String> parameters) {
        Settings.split(parameters.getOrDefault("secrets", "")).forEach(name -> SecretMask.rememberSecret(settings.get(name)));
        try {
            RequestHeaders.parse(parameters.getOrDefault("headers", "")).forEach(SecretMask::rememberHeader);
        } catch (IllegalArgumentException e) {
            throw invalid("parameter headers: " + e.getMessage());
        }
        String signingSecret = parameters.getOrDefault("signing-secret", "");
        if (!signingSecret.isEmpty()) {
            SecretMask.rememberSecret(signingSecret);
            try {
                WebhookSignature.of(signingSecret);
            } catch (IllegalArgumentException e) {
                throw invalid("parameter signing-secret: " + e.getMessage());
            }
        }
    }

    /** The template files a channel of this kind renders: e-mail has a subject and a plain text beside its HTML. */
    static List<Path> templateFiles(String kind, String template) {
        Path main = TEMPLATES.resolve(template);
        if (!"email".equals(kind)) {
            return List.of(main);
        }
        EmailTemplates email = EmailTemplates.of(template);
        return List.of(main, TEMPLATES.resolve(email.subject()), TEMPLATES.resolve(email.text()));
    }


    private void mustExist(Path template, String parameter) {
        if (!Files.isRegularFile(template)) {
            throw invalid("the template " + template + " (parameter " + parameter + ") does not exist");
        }
    }

    private void wholeNumber(Map<String, String> parameters, String name, String fallback, int least) {
        String value = parameters.getOrDefault(name, fallback);
        if (value.isEmpty() && least == 0) {
            return;
        }
        if (!value.matches("[0-9]+") || Integer.parseInt(value) < least) {
            throw invalid("parameter " + name + " must be a whole number, at least " + least + ", not " + value);
        }
    }

    /** Grouping, caps, repeats and recoveries: durations, names and switches as docs/alert-storms.md describes them. */
    private void checkStorms(String kind, Map<String, String> parameters) {
        for (String name : List.of("group-wait", "group-interval")) {
            try {
                TimeUtils.toMilliSeconds(parameters.getOrDefault(name, "0"));
            } catch (IllegalArgumentException e) {
                throw invalid("parameter " + name + " is a duration (30s, 2m, 4h), not " + parameters.get(name));
            }
        }
        for (String field : Settings.split(parameters.getOrDefault("group-by", ""))) {
            if (!GROUP_BY.contains(field)) {
                throw invalid("parameter group-by names " + field + ", not one of " + GROUP_BY);
            }
        }
        for (String name : List.of("notify-repeats", "notify-recovery")) {
            if (!List.of("", "true", "false").contains(parameters.getOrDefault(name, ""))) {
                throw invalid("parameter " + name + " is true or false, not " + parameters.get(name));
            }
        }
        wholeNumber(parameters, "max-per-hour", "", 0);
        boolean groups = TimeUtils.toMilliSeconds(parameters.getOrDefault("group-wait", "0")) > 0
                || !parameters.getOrDefault("max-per-hour", "").matches("0?");
        if (groups) {
            if (!parameters.containsKey("group-template")) {
                throw invalid("a channel that groups or caps its messages needs the parameter group-template");
            }
            templateFiles(kind, parameters.get("group-template"))
                    .forEach(template -> mustExist(template, "group-template"));
        }
    }

    /** The value with its settings filled in; a setting that does not exist anywhere is an error naming it. */
    private String resolve(String parameter, String value) {
        if (value == null) {
            return "";
        }
        Matcher placeholders = PLACEHOLDER.matcher(value);
        while (placeholders.find()) {
            String setting = placeholders.group(1).trim();
            if (!setting.contains(":") && !settings.exists(setting)) {
                throw invalid("parameter " + parameter + " names the setting " + setting
                        + ", which is neither in application.properties nor in the environment");
            }
        }
        return settings.resolve(value).trim();
    }

    private static List<TemplatedRouteParameterDefinition> parametersOf(TemplatedRouteDefinition route) {
        return route.getParameters() == null ? List.of() : route.getParameters();
    }

    private InvalidChannelException invalid(String problem) {
        return new InvalidChannelException(file, problem);
    }
}
