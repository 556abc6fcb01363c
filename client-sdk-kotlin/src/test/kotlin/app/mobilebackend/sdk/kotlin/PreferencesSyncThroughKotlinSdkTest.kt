package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.PreferencesUpdate
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/** Preferences kept in step between two devices of one user, each with its own Kotlin SDK client. */
class PreferencesSyncThroughKotlinSdkTest : DevServerTestBase() {

    @Test
    fun startsEmptyAtVersionZero() = runBlocking {
        val answer = clientFor(newSub()).preferences.getPreferences()
        assertEquals(200, answer.code())
        val preferences = answer.orThrow()
        assertEquals(mapOf<String, Any>(), preferences.propertyValues)
        assertEquals(0L, preferences.version)
        assertNull(preferences.updatedAt)
        assertEquals(etag(0), answer.headers()["ETag"])
    }

    @Test
    fun syncsBetweenTwoDevicesAndRejectsTheStaleOnesSave() = runBlocking {
        val sub = newSub()
        val clientA = clientFor(sub)
        val clientB = clientFor(sub)
        assertNotSame(clientA, clientB)
        val deviceA = clientA.preferences
        val deviceB = clientB.preferences

        // JSON values as they were sent: 14 stays an integer, not 14.0
        val fromA = mapOf("theme" to JsonPrimitive("dark"), "fontSize" to JsonPrimitive(14), "notifications" to JsonPrimitive(true))
        val savedByA = deviceA.putPreferences(PreferencesUpdate(fromA), etag(deviceA.getPreferences().orThrow().version))
        assertEquals(200, savedByA.code())
        val savedA = savedByA.orThrow()
        assertEquals(fromA, savedA.propertyValues)
        assertEquals(14, savedA.propertyValues.getValue("fontSize").toString().toInt())
        assertEquals(1L, savedA.version)
        assertNotNull(savedA.updatedAt)
        assertEquals(etag(1), savedByA.headers()["ETag"])

        val seenByB = deviceB.getPreferences().orThrow()
        assertEquals(savedA, seenByB)

        val fromB = mapOf("theme" to JsonPrimitive("light"), "fontSize" to JsonPrimitive(16),
            "notifications" to JsonPrimitive(false), "language" to JsonPrimitive("fr"))
        val savedB = deviceB.putPreferences(PreferencesUpdate(fromB), etag(seenByB.version)).orThrow()
        assertEquals(fromB, savedB.propertyValues)
        assertEquals(2L, savedB.version)

        val solarized = mapOf("theme" to JsonPrimitive("solarized"))
        assertProblem(problem(412, "Precondition Failed", "The preferences have changed since version 1; the current version is 2.").copy(currentPreferences = savedB),
            failureOf { deviceA.putPreferences(PreferencesUpdate(solarized), etag(savedA.version)).orThrow() })

        val reread = deviceA.getPreferences().orThrow()
        assertEquals(savedB, reread)
        assertEquals(2L, reread.version)

        val resaved = deviceA.putPreferences(PreferencesUpdate(solarized), etag(reread.version)).orThrow()
        assertEquals(solarized, resaved.propertyValues)
        assertEquals(3L, resaved.version)
        assertEquals(resaved, deviceB.getPreferences().orThrow())
    }

    @Test
    fun letsOnlyOneOfTwoFirstSavesWin() = runBlocking {
        val sub = newSub()
        val deviceA = clientFor(sub).preferences
        val deviceB = clientFor(sub).preferences

        val savedByA = deviceA.putPreferences(PreferencesUpdate(mapOf("theme" to JsonPrimitive("dark"))), etag(0)).orThrow()
        assertEquals(1L, savedByA.version)

        assertProblem(problem(412, "Precondition Failed", "The preferences have changed since version 0; the current version is 1.").copy(currentPreferences = savedByA),
            failureOf { deviceB.putPreferences(PreferencesUpdate(mapOf("theme" to JsonPrimitive("light"))), etag(0)).orThrow() })
        assertEquals(savedByA, deviceB.getPreferences().orThrow())
    }

    @Test
    fun refusesASaveWithoutIfMatch() = runBlocking {
        val device = clientFor(newSub()).preferences

        assertProblem(problem(428, "Precondition Required", "This operation requires an If-Match header with the current ETag."),
            failureOf { device.putPreferences(PreferencesUpdate(mapOf("theme" to JsonPrimitive("dark")))).orThrow() })
        assertEquals(0L, device.getPreferences().orThrow().version)
    }
}
