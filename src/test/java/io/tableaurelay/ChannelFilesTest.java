package io.tableaurelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.tableaurelay.channel.InvalidChannelException;
import io.tableaurelay.settings.RootCause;
import io.tableaurelay.support.RelayProcess;
import io.tableaurelay.support.RunningRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A channel file that cannot work stops the relay at startup, with one message naming the file and what is wrong. */
@Tag("relay")
@Tag("process")
class ChannelFilesTest {

    @TempDir
    Path moreRoutes;

    @Test
    void twoChannelsWithOneIdStopStartupNamingBothFiles() throws IOException {
        String problem = startupProblem("my-slack.yaml", channel("slack", "events", "\"*\""));

        assertTrue(problem.contains("my-slack.yaml") && problem.contains("routes/slack.yaml"), problem);
        assertTrue(problem.contains("the channel id slack is taken by"), problem);
    }

    @Test
    void aFilterSettingThatDoesNotExistStopsStartupNamingFileAndSetting() throws IOException {
        String problem = startupProblem("pager.yaml", channel("pager", "events", "\"{{pager.events}}\""));

        assertEquals(moreRoutes.resolve("pager.yaml") + ": parameter events names the setting pager.events, which is "
                + "neither in application.properties nor in the environment", problem);
    }

    @Test
    void aChannelWithoutAnEventFilterStopsStartup() throws IOException {
        String problem = startupProblem("pager.yaml", channel("pager", "rate", "\"2\""));

        assertEquals(moreRoutes.resolve("pager.yaml") + ": the channel needs the parameter events (see README, "
                + "\"Add a channel\")", problem);
    }

    @Test
    void aTemplateThatIsNotThereStopsStartupNamingIt() throws IOException {
        String problem = startupProblem("pager.yaml", channel("pager", "events", "\"*\"")
                .replace("forward.json.vm", "pager.json.vm"));

        assertEquals(moreRoutes.resolve("pager.yaml") + ": the template routes/templates/pager.json.vm (parameter "
                + "template) does not exist", problem);
    }

    @Test
    void anUnknownKindStopsStartup() throws IOException {
        String problem = startupProblem("pager.yaml", channel("pager", "events", "\"*\"").replace("value: json", "value: fax"));

        assertEquals(moreRoutes.resolve("pager.yaml") + ": parameter kind is fax, not one of [slack, sms, json, teams, "
                + "email]", problem);
    }

    @Test
    void theRelayProcessSaysWhyInOneLineAndExits() throws IOException {
        Files.writeString(moreRoutes.resolve("pager.yaml"), channel("pager", "events", "\"{{pager.events}}\""));
        Path log = Files.createTempFile("relay-bad-channel", ".log");

        int exitCode = RelayProcess.exitCodeOfFailedStart(Map.of("camel.main.routes-include-pattern",
                RelayApplication.ROUTES_PATTERN + ",file:" + moreRoutes + "/*.yaml"), log);

        assertEquals(1, exitCode);
        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains("ERROR")).toList();
        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).endsWith("The relay could not start: " + moreRoutes.resolve("pager.yaml")
                + ": parameter events names the setting pager.events, which is neither in application.properties nor "
                + "in the environment"), errors.get(0));
    }

    /** The message of what stopped the relay from starting with this extra channel file. */
    private String startupProblem(String file, String content) throws IOException {
        Files.writeString(moreRoutes.resolve(file), content);
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> RunningRelay.start(Map.of(), moreRoutes).close());
        Throwable cause = RootCause.of(failure);
        assertEquals(InvalidChannelException.class, cause.getClass());
        return cause.getMessage();
    }

    /** A forward-like channel file with one more parameter. */
    private static String channel(String id, String parameter, String value) {
        return """
                - templatedRoute:
                    routeTemplateRef: channel
                    routeId: %s
                    parameters:
                      - name: needs
                        value: pager.url
                      - name: %s
                        value: %s
                      - name: kind
                        value: json
                      - name: template
                        value: forward.json.vm
                      - name: endpoint
                        value: "https://pager.example.com/events"
                """.formatted(id, parameter, value);
    }
}
