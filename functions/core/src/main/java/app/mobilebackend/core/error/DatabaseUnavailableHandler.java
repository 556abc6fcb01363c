package app.mobilebackend.core.error;

import app.mobilebackend.core.health.HealthService;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * Database failures: 503 with {@code Retry-After} when the database cannot be reached, or rolled the transaction
 * back because it waited too long for a lock or was chosen to end a deadlock (either way nothing was written and the
 * same request may succeed when retried), 500 otherwise. Neither carries internals to the client; both are logged. Micronaut Data
 * reports a refused connection with exceptions outside {@link DataAccessException}, hence one handler per family.
 */
abstract class DatabaseUnavailableHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;

    private final ErrorResponseProcessor<?> problems;

    DatabaseUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, E exception) {
        boolean worthRetrying = isWorthRetrying(exception);
        LOG.error("Database {} on {} {}", worthRetrying ? "unavailable" : "error", request.getMethod(), request.getPath(), exception);
        var response = worthRetrying
            ? HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, HealthService.RETRY_AFTER_SECONDS)
            : HttpResponse.serverError();
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }

    static boolean isWorthRetrying(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                || t instanceof CannotGetJdbcConnectionException
                || t instanceof ConnectionException
                || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException
                || isRolledBackByTheDatabase(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deadlock (1213) or a lock wait timeout (1205): Connector/J raises both as SQLSTATE 40001, a
     * {@link SQLTransactionRollbackException}; the codes are checked too for a driver that reports them otherwise.
     */
    private static boolean isRolledBackByTheDatabase(Throwable t) {
        return t instanceof SQLTransactionRollbackException
            || t instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("40")
                || sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || sql.getErrorCode() == ER_LOCK_DEADLOCK);
    }

    /** Query and mapping failures of Micronaut Data. */
    @Singleton
    static final class DataAccess extends DatabaseUnavailableHandler<DataAccessException> {
        DataAccess(ErrorResponseProcessor<?> problems) {
            super(problems);
        }
    }

    /** No JDBC connection could be had from the pool. */
    @Singleton
    static final class NoJdbcConnection extends DatabaseUnavailableHandler<CannotGetJdbcConnectionException> {
        NoJdbcConnection(ErrorResponseProcessor<?> problems) {
            super(problems);
        }
    }

    /** Connection management failures of Micronaut Data. */
    @Singleton
    static final class Connection extends DatabaseUnavailableHandler<ConnectionException> {
        Connection(ErrorResponseProcessor<?> problems) {
            super(problems);
        }
    }

    /** A transaction could not begin (its connection could not be had). */
    @Singleton
    static final class NoTransaction extends DatabaseUnavailableHandler<CannotCreateTransactionException> {
        NoTransaction(ErrorResponseProcessor<?> problems) {
            super(problems);
        }
    }
}
