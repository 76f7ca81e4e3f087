package io.tableaurelay.registration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the relay signs in to Tableau: a personal access token (preferred) or a user name and password. The
 * secret only ever goes into the sign-in request body; {@link #toString()} never shows it.
 */
final class TableauCredentials {

    private final boolean token;
    private final String name;
    private final String secret;

    private TableauCredentials(boolean token, String name, String secret) {
        this.token = token;
        this.name = name;
        this.secret = secret;
    }

    static TableauCredentials personalAccessToken(String name, String secret) {
        return new TableauCredentials(true, name, secret);
    }

    static TableauCredentials password(String username, String password) {
        return new TableauCredentials(false, username, password);
    }

    /** The body of the sign-in call for the site with this content URL ("" for the default site). */
    ObjectNode signInBody(String contentUrl) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode credentials = body.putObject("credentials");
        if (token) {
            credentials.put("personalAccessTokenName", name);
            credentials.put("personalAccessTokenSecret", secret);
        } else {
            credentials.put("name", name);
            credentials.put("password", secret);
        }
        credentials.putObject("site").put("contentUrl", contentUrl);
        return body;
    }

    @Override
    public String toString() {
        return token ? "personal access token " + name : "user " + name;
    }
}
