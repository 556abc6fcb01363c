package app.mobilebackend.functions.migrate;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings the database schema to the version of this build (the Flyway migrations in functions-core), then reports
 * how many migrations it applied and the schema version. Idempotent: run again, it applies nothing.
 */
public class MigrateFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSourceResolver;

    /** As the Lambda runtime builds it. */
    public MigrateFunction() {
    }

    public MigrateFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        // Flyway manages its own connections and transactions: give it the pool, not Micronaut Data's contextual proxy.
        MigrateResult result = Flyway.configure()
            .dataSource(dataSourceResolver.resolve(dataSource))
            .locations("classpath:db/migration")
            .load()
            .migrate();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("migrationsApplied", result.migrationsExecuted);
        report.put("schemaVersion", result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
        return report;
    }
}
