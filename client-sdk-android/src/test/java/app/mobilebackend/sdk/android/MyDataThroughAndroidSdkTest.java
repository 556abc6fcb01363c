package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.MeApi;
import app.mobilebackend.sdk.android.api.OrdersApi;
import app.mobilebackend.sdk.android.api.TodosApi;
import app.mobilebackend.sdk.android.model.DataExport;
import app.mobilebackend.sdk.android.model.OrderCreate;
import app.mobilebackend.sdk.android.model.OrderLineCreate;
import app.mobilebackend.sdk.android.model.TodoCreate;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GDPR access and erasure, driven through the generated Android SDK against the dev server. */
class MyDataThroughAndroidSdkTest extends DevServerTestBase {

    @Test
    void exportsTheCallersDataThenErasesItAndOnlyIt() throws Exception {
        ApiClient alice = clientFor(newSub());
        ApiClient bob = clientFor(newSub());
        new TodosApi(alice).createTodo(new TodoCreate().title("Alice's plan"));
        new OrdersApi(alice).createOrder(UUID.randomUUID().toString(),
            new OrderCreate().addLinesItem(new OrderLineCreate().sku("TEA-GREEN-100").quantity(1)));
        new TodosApi(bob).createTodo(new TodoCreate().title("Bob's plan"));

        DataExport export = new MeApi(alice).exportMyData();
        assertEquals(1, export.getTodos().size());
        assertEquals("Alice's plan", export.getTodos().get(0).getTitle());
        assertEquals(1, export.getOrders().size());
        assertTrue(export.getFiles().isEmpty());

        assertEquals(204, new MeApi(alice).deleteMeWithHttpInfo().getStatusCode());
        assertEquals(204, new MeApi(alice).deleteMeWithHttpInfo().getStatusCode(), "erasing again is fine");

        DataExport after = new MeApi(alice).exportMyData();
        assertTrue(after.getTodos().isEmpty());
        assertTrue(after.getOrders().isEmpty());
        assertTrue(new TodosApi(alice).listTodos(20, null, null).getItems().isEmpty());
        assertEquals(1, new TodosApi(bob).listTodos(20, null, null).getItems().size(), "Bob is untouched");
    }
}
