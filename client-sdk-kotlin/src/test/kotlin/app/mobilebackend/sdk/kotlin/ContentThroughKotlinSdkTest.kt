package app.mobilebackend.sdk.kotlin

import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.net.URI

/** Browsing the content catalog and fetching items through the Kotlin SDK, as a user without premium membership. */
class ContentThroughKotlinSdkTest : DevServerTestBase() {

    @Test
    fun pagesThroughTheCatalog() = runBlocking {
        val content = clientFor(newSub()).content

        val pages = pages({ cursor -> content.listContent(limit = 2, cursor = cursor) }) { it.nextCursor }.toList()
        val items = pages.flatMap { it.items }

        assertEquals(3, pages.size)
        assertEquals(listOf("meditation-01", "yoga-advanced-01", "yoga-advanced-02", "yoga-basics-01", "yoga-guide"), items.map { it.id })
        assertFalse(items[3].premium)
        assertTrue(items[1].premium)
    }

    @Test
    fun getsASignedUrlForAFreeItem() = runBlocking {
        val access = clientFor(newSub()).content.getContentAccess("meditation-01").orThrow()

        assertEquals("meditation-01", access.contentId)
        val url = URI.create(access.url)
        assertEquals("https", url.scheme)
        assertEquals("/audio/meditation-01.mp3", url.path)
        assertTrue(url.rawQuery.contains("Signature="), access.url)
        assertTrue(url.rawQuery.contains("Expires=" + access.expiresAt.toEpochSecond()), access.url)
    }

    @Test
    fun refusesAPremiumItemToANonPremiumUser() = runBlocking {
        val content = clientFor("dev-user").content

        assertProblem(problem(403, "Forbidden", "This content needs a premium membership."),
            failureOf { content.getContentAccess("yoga-guide").orThrow() })
    }
}
