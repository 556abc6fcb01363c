package app.mobilebackend.functions.todos.list;

import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.todos.TodoService;
import io.micronaut.context.BeanRegistration;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.security.token.generator.TokenGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the handler builds before its first request (ApiGatewayHandler#contextBuilder): the controller with its area's
 * service and repository and the data source, the request filters with the token check and the spec's rules; and
 * not the platform's singletons this function never uses.
 */
class StartedBeansTest {

    private static LocalFunction function;
    private static Set<String> built;

    @BeforeAll
    static void startWithoutARequest() {
        function = LocalFunction.start();
        built = function.context().getActiveBeanRegistrations(Object.class).stream()
            .map(BeanRegistration::getBeanDefinition)
            .map(definition -> definition.getBeanType().getName())
            .collect(Collectors.toSet());
    }

    @AfterAll
    static void close() {
        function.close();
    }

    @Test
    void buildsTheControllerAndWhatItUsesBeforeTheFirstRequest() {
        assertBuilt(ListTodosController.class.getName());
        assertBuilt(TodoService.class.getName()); // with its repository, which it takes in its constructor
        assertTrue(function.context().getActiveBeanRegistrations(DataSource.class).size() > 0, "the data source");
    }

    @Test
    void buildsTheRequestFiltersBeforeTheFirstRequest() {
        assertBuilt("io.micronaut.security.filters.SecurityFilter");
        assertBuilt("app.mobilebackend.core.contract.ContractFilter");
        assertBuilt("app.mobilebackend.core.contract.ApiContract");
        assertBuilt("app.mobilebackend.core.http.RequestSizeFilter");
    }

    @Test
    void buildsNoSingletonItNeverUses() {
        assertTrue(function.context().getActiveBeanRegistrations(TokenGenerator.class).isEmpty(), "token generation");
        assertTrue(function.context().getActiveBeanRegistrations(TaskScheduler.class).isEmpty(), "the task scheduler");
    }

    private static void assertBuilt(String type) {
        assertTrue(built.contains(type), type + " built at start; built: " + built.size() + " beans");
    }
}
