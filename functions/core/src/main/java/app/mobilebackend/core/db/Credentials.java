package app.mobilebackend.core.db;

import java.util.Objects;

/** A database user name and the password (or IAM token) to log in with. */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Leaves the password out: records print every component, and these end up in logs and exceptions. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
