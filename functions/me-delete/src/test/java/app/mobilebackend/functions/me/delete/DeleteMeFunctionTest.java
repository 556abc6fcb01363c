package app.mobilebackend.functions.me.delete;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.personaldata.PersonalData;
import app.mobilebackend.files.FileObjects;
import app.mobilebackend.files.FileService;
import app.mobilebackend.identity.profiles.ProfileService;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.outbox.OutboxRepository;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.privacy.ErasureLogRepository;
import app.mobilebackend.privacy.ErasureRecord;
import app.mobilebackend.privacy.MeService;
import app.mobilebackend.push.DeviceService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteMeFunctionTest {

    private static LocalFunction function;
    private static TodoService todos;
    private static PreferencesService preferences;
    private static MeService me;
    private static ErasureLogRepository erasures;
    private static SnsStandIn sns;

    @BeforeAll
    static void startHandler() {
        sns = SnsStandIn.start();
        Map<String, Object> aws = new HashMap<>(S3StandIn.shared().properties());
        aws.putAll(sns.properties());
        function = LocalFunction.start(aws);
        todos = function.context().getBean(TodoService.class);
        preferences = function.context().getBean(PreferencesService.class);
        me = function.context().getBean(MeService.class);
        erasures = function.context().getBean(ErasureLogRepository.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
        sns.close();
    }

    @Test
    void erasesEveryAreaIncludingObjectsAndPushEndpoints() {
        TestUser alice = TestUser.fresh();
        TestUser bob = TestUser.fresh();
        String aliceToken = "alice-push-token-" + alice.sub();
        for (TestUser user : List.of(alice, bob)) {
            todos.create(user.sub(), new TodoCreate("plan"));
            FileUpload upload = context(FileService.class).create(user.sub(), new FileCreate("notes.txt", "text/plain", 5L));
            assertEquals(200, PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(),
                "hello".getBytes(StandardCharsets.UTF_8)).statusCode());
            context(OrderService.class).place(user.sub(), "key-1",
                new OrderCreate(List.of(new OrderLineCreate("TEA-GREEN-100", 1))));
            context(DeviceService.class).register(user.sub(),
                new DeviceRegistration(DevicePlatform.FCM, user == alice ? aliceToken : "bob-push-token-" + bob.sub()));
            context(ProfileService.class).signUpConfirmed(user.sub(), user.sub() + "@example.com");
        }
        String aliceFile = me.export(alice.sub()).getFiles().get(0).getId();
        DataExport bobBefore = me.export(bob.sub());

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token()).build());

        assertEquals(204, response.getStatusCode(), response.getBody());
        assertNothingOf(alice.sub());
        assertFalse(objectExists(alice.sub(), aliceFile), "the file's bytes are gone from S3");
        assertTrue(sns.endpointsWithToken(aliceToken).isEmpty(), "the device's push endpoint is gone from SNS");
        DataExport bobAfter = me.export(bob.sub());
        assertEquals(function.write(bobBefore.exportedAt(null)), function.write(bobAfter.exportedAt(null)), "Bob is untouched");
        assertTrue(objectExists(bob.sub(), bobAfter.getFiles().get(0).getId()));
        assertEquals(1, sns.endpointsWithToken("bob-push-token-" + bob.sub()).size());
        // the welcome mail request carries the address: gone with Alice, Bob's kept
        OutboxRepository outbox = context(OutboxRepository.class);
        assertTrue(outbox.findByUserIdOrderByCreatedAt(alice.sub()).stream().noneMatch(row -> row.payload().contains("@example.com")));
        assertEquals(1, outbox.findByUserIdOrderByCreatedAt(bob.sub()).stream()
            .filter(row -> row.type().equals("WelcomeMailRequested")).count());
    }

    /** The areas this function erases: a new area's PersonalData bean must show up here (and so in the export). */
    @Test
    void everyAreaTakesPart() {
        List<String> areas = function.context().getBeansOfType(PersonalData.class).stream()
            .map(area -> area.getClass().getSimpleName()).sorted().toList();

        assertEquals(List.of("ContentPersonalData", "DevicePersonalData", "FilesPersonalData", "OrdersPersonalData",
            "PreferencesPersonalData", "ProfilePersonalData", "SyncPersonalData", "TodoPersonalData"), areas);
    }

    private static <T> T context(Class<T> type) {
        return function.context().getBean(type);
    }

    private static boolean objectExists(String sub, String fileId) {
        S3Client s3 = context(S3Client.class);
        try {
            s3.headObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.key(sub, fileId)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Test
    void erasesTheCallerOnlyAndLeavesARecordWithoutPersonalData() {
        TestUser alice = TestUser.fresh();
        TestUser bob = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));
        preferences.put(alice.sub(), "\"0\"", Map.of("theme", "dark"));
        todos.create(bob.sub(), new TodoCreate("Bob's plan"));
        preferences.put(bob.sub(), "\"0\"", Map.of("theme", "light"));
        DataExport bobBefore = me.export(bob.sub());

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token()).build());

        assertEquals(204, response.getStatusCode(), response.getBody());
        assertNothingOf(alice.sub());
        DataExport bobAfter = me.export(bob.sub());
        assertEquals(function.write(bobBefore.exportedAt(null)), function.write(bobAfter.exportedAt(null)), "Bob is untouched");

        List<ErasureRecord> records = erasures.findBySubjectHash(MeService.subjectHash(alice.sub()));
        assertEquals(1, records.size());
        ErasureRecord record = records.get(0);
        assertFalse(record.toString().contains(alice.sub()), "the record does not name the user");
        assertTrue(record.areas().contains("Todo") && record.areas().contains("Preferences"), record.areas());
    }

    @Test
    void erasingTwiceAnswers204AgainAndKeepsBothRecords() {
        TestUser alice = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));

        assertEquals(204, function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token()).build()).getStatusCode());
        assertEquals(204, function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token())
            .header("Accept", "application/json").build()).getStatusCode());

        assertNothingOf(alice.sub());
        assertEquals(2, erasures.findBySubjectHash(MeService.subjectHash(alice.sub())).size());
    }

    @Test
    void refusesWithoutTokenAndErasesNothing() {
        TestUser alice = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/me").build());

        assertEquals(401, response.getStatusCode());
        assertEquals(1, me.export(alice.sub()).getTodos().size());
        assertTrue(erasures.findBySubjectHash(MeService.subjectHash(alice.sub())).isEmpty());
    }

    /** Every area's share of the export is empty: what each area's endpoints would show. */
    private static void assertNothingOf(String sub) {
        DataExport export = me.export(sub);
        assertTrue(export.getTodos().isEmpty(), "todos");
        assertEquals(0L, export.getPreferences().getVersion(), "preferences");
        assertTrue(export.getPreferences().getValues().isEmpty(), "preference values");
        assertTrue(export.getFiles().isEmpty(), "files");
        assertTrue(export.getOrders().isEmpty(), "orders");
        assertTrue(export.getDevices().isEmpty(), "devices");
    }
}
