package app.mobilebackend.analytics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRulesTest {

    @Test
    void acceptsLowerCaseWordsJoinedByDotsUnderscoresOrDashesOnly() {
        for (String name : List.of("screen.view", "todo_completed", "a", "checkout-step-2", "v2.open")) {
            assertTrue(EventRules.validName(name), name);
        }
        for (String name : List.of("", "Screen.view", "screen..view", ".view", "view.", "2fa.open", "screen view", "écran",
            "x".repeat(65))) {
            assertFalse(EventRules.validName(name), name);
        }
    }

    @Test
    void treatsPersonalNamesAndContactValuesAsPersonalData() {
        String[][] personal = {{"email", "x"}, {"E-Mail", "x"}, {"phone_number", "12"}, {"firstName", "Ann"},
            {"ip", "203.0.113.7"}, {"userId", "u1"}, {"sub", "0f1e"}, {"note", "write to ann@example.com"},
            {"callback", "+44 20 7946 0958"}, {"callback", "+1 (555) 010-9999"}};
        for (String[] property : personal) {
            assertTrue(EventRules.personal(property[0], property[1]), property[0] + "=" + property[1]);
        }
    }

    @Test
    void keepsOtherProperties() {
        String[][] kept = {{"screen", "todo-list"}, {"day", "2026-11-25"}, {"count", "1234567890"}, {"version", "+3"},
            {"ratio", "0.5"}, {"theme", "dark"}};
        for (String[] property : kept) {
            assertFalse(EventRules.personal(property[0], property[1]), property[0] + "=" + property[1]);
        }
        assertFalse(EventRules.personal("openTodos", 3));
    }

    @Test
    void countsStringLengthsInCodePointsAndAcceptsOnlyPrimitives() {
        assertNull(EventRules.propertyViolation("mood", "\uD83D\uDE00".repeat(256)));
        assertEquals("must be at most 256 characters long", EventRules.propertyViolation("mood", "x".repeat(257)));
        assertEquals("must be a string, a number or a boolean", EventRules.propertyViolation("list", List.of(1)));
        assertEquals("names must have 1 to 64 characters", EventRules.propertyViolation("", 1));
        assertNull(EventRules.propertyViolation("done", true));
    }
}
