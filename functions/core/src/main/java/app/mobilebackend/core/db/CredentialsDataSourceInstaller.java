package app.mobilebackend.core.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Gives the default data source's pool a {@link CredentialsDataSource} before the pool is built. Exists only when
 * {@code db.auth} selects a {@link DatabaseCredentials} bean; with passwords Hikari opens connections itself.
 */
@Singleton
@Requires(bean = DatabaseCredentials.class)
final class CredentialsDataSourceInstaller implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String DATASOURCE = "default";

    private final DatabaseCredentials credentials;

    CredentialsDataSourceInstaller(DatabaseCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (DATASOURCE.equals(config.getName())) {
            String url = config.getUrl();
            config.setDataSource(new CredentialsDataSource(
                driver(config.getDriverClassName(), url), url, config.getDataSourceProperties(), credentials));
        }
        return config;
    }

    private static Driver driver(String className, String url) {
        try {
            if (className == null) {
                return DriverManager.getDriver(url);
            }
            return Class.forName(className, true, CredentialsDataSourceInstaller.class.getClassLoader())
                .asSubclass(Driver.class)
                .getDeclaredConstructor()
                .newInstance();
        } catch (ReflectiveOperationException | ClassCastException | SQLException e) {
            throw new ConfigurationException("Cannot load the JDBC driver " + className + ": " + e.getMessage(), e);
        }
    }
}
