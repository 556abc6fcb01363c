package app.mobilebackend.core.db;

/** Where the credentials for a new physical database connection come from; one implementation per {@code db.auth}. */
public interface DatabaseCredentials {

    /** The credentials to open a connection with now; called once per new physical connection. */
    Credentials current();

    /** The database refused the last credentials: forget any cached ones (the secret may have been rotated). */
    default void invalidate() {
    }
}
