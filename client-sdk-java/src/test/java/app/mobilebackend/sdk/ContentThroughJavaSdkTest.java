package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.ContentApi;
import app.mobilebackend.sdk.model.ContentAccess;
import app.mobilebackend.sdk.model.ContentItem;
import app.mobilebackend.sdk.model.ContentPage;
import app.mobilebackend.sdk.model.Problem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browsing the content catalog and fetching items through the Java SDK, as a user without premium membership. */
class ContentThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void pagesThroughCatalog() throws Exception {
        ContentApi content = new ContentApi(clientFor(newSub()));

        List<ContentItem> items = new ArrayList<>();
        ContentPage page = content.listContent(2, null);
        items.addAll(page.getItems());
        while (page.getNextCursor() != null) {
            page = content.listContent(2, page.getNextCursor());
            items.addAll(page.getItems());
        }

        assertEquals(List.of("meditation-01", "yoga-advanced-01", "yoga-advanced-02", "yoga-basics-01", "yoga-guide"),
            items.stream().map(ContentItem::getId).toList());
        ContentItem basics = items.get(3);
        assertEquals("Yoga basics, lesson 1", basics.getTitle());
        assertEquals("video/mp4", basics.getMediaType());
        assertFalse(basics.getPremium());
        assertTrue(items.get(1).getPremium());
        assertNull(page.getNextCursor());
    }

    @Test
    void getsShortLivedSignedUrlForFreeItem() throws Exception {
        ContentApi content = new ContentApi(clientFor(newSub()));

        ContentAccess access = content.getContentAccess("yoga-basics-01");

        assertEquals("yoga-basics-01", access.getContentId());
        URI url = URI.create(access.getUrl());
        assertEquals("https", url.getScheme());
        assertEquals("/video/yoga-basics-01.mp4", url.getPath());
        assertTrue(url.getRawQuery().contains("Signature="), access.getUrl());
        assertTrue(url.getRawQuery().contains("Key-Pair-Id="), access.getUrl());
        assertTrue(url.getRawQuery().contains("Expires=" + access.getExpiresAt().toEpochSecond()), access.getUrl());
        assertTrue(access.getExpiresAt().isAfter(OffsetDateTime.now()));
        assertFalse(access.getExpiresAt().isAfter(OffsetDateTime.now().plus(Duration.ofMinutes(5))));
    }

    @Test
    void refusesPremiumItemToNonPremiumUser() throws Exception {
        ContentApi content = new ContentApi(clientFor("dev-user"));

        ApiException refused = assertThrows(ApiException.class, () -> content.getContentAccess("yoga-advanced-01"));

        assertEquals(403, refused.getCode());
        assertEquals(new Problem().type("about:blank").title("Forbidden").status(403)
            .detail("This content needs a premium membership."), problemOf(refused));
    }

    @Test
    void answersNotFoundForUnknownItem() throws Exception {
        ContentApi content = new ContentApi(clientFor(newSub()));

        ApiException missing = assertThrows(ApiException.class, () -> content.getContentAccess("no-such-item"));

        assertEquals(404, missing.getCode());
        assertEquals(404, problemOf(missing).getStatus());
    }
}
