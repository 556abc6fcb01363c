package app.mobilebackend.functions.migrate;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The migrate function as a CloudFormation custom resource ({@code Custom::SchemaMigration} in the primary region's
 * functions stack): on Create and Update it migrates the schema and makes sure the app user exists, then answers
 * SUCCESS with the schema version, or FAILED with the migration's error, which fails (and rolls back) the stack
 * update. Delete answers SUCCESS and leaves the database alone: removing the stack never drops the data.
 *
 * <p>Resource properties: {@code DatabaseName}; {@code AppUser} and {@code AppSecretArn} (both or neither) for the
 * user; anything else (the stacks pass {@code Release}, the artifact prefix) only makes CloudFormation send an Update,
 * so that every deployment migrates. The physical id stays the one given at Create: a new one would make
 * CloudFormation delete the "old" resource.
 */
@Singleton
final class DeploymentMigration {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentMigration.class);

    private final Migration migration;
    private final AppSecret appSecret;
    private final CloudFormationResponse response;

    DeploymentMigration(Migration migration, AppSecret appSecret, CloudFormationResponse response) {
        this.migration = migration;
        this.appSecret = appSecret;
        this.response = response;
    }

    /** Handles {@code request} and sends CloudFormation its answer, which is also returned. */
    Map<String, Object> handle(CustomResourceRequest request) throws IOException, InterruptedException {
        String database = request.property("DatabaseName");
        String physicalId = request.physicalResourceId() != null ? request.physicalResourceId()
            : "schema-migration-" + (database == null ? "default" : database);
        Map<String, Object> body;
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            String reason;
            switch (request.requestType()) {
                case "Create", "Update" -> {
                    Migration.Result result = migration.migrate();
                    data.put("SchemaVersion", result.schemaVersion());
                    data.put("MigrationsApplied", result.migrationsApplied());
                    reason = "Schema at version " + result.schemaVersion() + " (" + result.migrationsApplied() + " migrations applied)";
                    String user = request.property("AppUser");
                    String secret = request.property("AppSecretArn");
                    if ((user == null) != (secret == null)) {
                        throw new IllegalArgumentException("AppUser and AppSecretArn go together");
                    }
                    if (user != null) {
                        if (database == null) {
                            throw new IllegalArgumentException("AppUser needs DatabaseName");
                        }
                        migration.ensureAppUser(user, appSecret.password(secret), database);
                        reason += "; user " + user + " can read and write " + database;
                    }
                }
                case "Delete" -> reason = "Nothing to delete: the schema and its data stay";
                default -> throw new IllegalArgumentException("unknown RequestType " + request.requestType());
            }
            LOG.info("{} {}: {}", request.requestType(), request.logicalResourceId(), reason);
            body = response.body(request, true, physicalId, reason, data);
        } catch (Exception e) {
            LOG.error("{} {} failed", request.requestType(), request.logicalResourceId(), e);
            body = response.body(request, false, physicalId, "Migration failed: " + message(e), Map.of());
        }
        response.send(request, body);
        return body;
    }

    /** The error and its causes' messages on one line (Flyway's name the migration and the SQL state). */
    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 2_000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(String.valueOf(t.getMessage()).replaceAll("\\s+", " ").strip());
        }
        return text.toString();
    }
}
