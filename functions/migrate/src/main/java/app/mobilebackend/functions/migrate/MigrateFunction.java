package app.mobilebackend.functions.migrate;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings the database schema to the version of this build (the Flyway migrations in functions-core). Invoked by the
 * deployment as a CloudFormation custom resource ({@link DeploymentMigration}: migrates, creates the app user, answers
 * CloudFormation); invoked by hand with any other event ({@code {}}), it migrates and reports how many migrations it
 * applied and the schema version. Idempotent: run again, it applies nothing.
 */
public class MigrateFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    Migration migration;

    @Inject
    DeploymentMigration deployment;

    /** As the Lambda runtime builds it. */
    public MigrateFunction() {
    }

    public MigrateFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        if (event != null && CustomResourceRequest.isOne(event)) {
            try {
                return deployment.handle(CustomResourceRequest.of(event));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not answer CloudFormation", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while answering CloudFormation", e);
            }
        }
        Migration.Result result = migration.migrate();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("migrationsApplied", result.migrationsApplied());
        report.put("schemaVersion", result.schemaVersion());
        return report;
    }
}
