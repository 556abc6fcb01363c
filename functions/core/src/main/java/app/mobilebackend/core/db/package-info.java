/**
 * How functions log in to the database, chosen by {@code db.auth} ({@code DB_AUTH}).
 *
 * <ul>
 *   <li>{@code password} (default): the static {@code datasources.default.username/password}; no AWS class is
 *       loaded.</li>
 *   <li>{@code iam}: an RDS IAM authentication token per new physical connection ({@link
 *       app.mobilebackend.core.db.IamAuthTokenCredentials}).</li>
 *   <li>{@code secrets-manager}: user name and password from the Secrets Manager secret {@code db.secret-id}
 *       ({@link app.mobilebackend.core.db.SecretsManagerCredentials}).</li>
 * </ul>
 *
 * In the last two modes {@link app.mobilebackend.core.db.CredentialsDataSourceInstaller} hands Hikari a
 * {@link app.mobilebackend.core.db.CredentialsDataSource}, which asks for credentials each time the pool opens a
 * physical connection.
 */
package app.mobilebackend.core.db;
