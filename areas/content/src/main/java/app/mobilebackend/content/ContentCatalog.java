package app.mobilebackend.content;

import app.mobilebackend.api.model.ContentItem;
import app.mobilebackend.api.model.ContentPage;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.http.Cursor;
import jakarta.inject.Singleton;

import java.util.List;

/** The content catalog, the same for every signed-in user. */
@Singleton
public final class ContentCatalog {

    private final ContentRepository repository;

    ContentCatalog(ContentRepository repository) {
        this.repository = repository;
    }

    public ContentPage list(int limit, String cursor) {
        List<ContentItemRow> rows = repository.findPage(Cursor.decode(cursor), limit + 1);
        boolean more = rows.size() > limit;
        List<ContentItemRow> page = more ? rows.subList(0, limit) : rows;
        ContentPage result = new ContentPage(page.stream().map(ContentCatalog::toApi).toList());
        if (more) {
            result.setNextCursor(Cursor.encode(page.get(page.size() - 1).id()));
        }
        return result;
    }

    /** The item with {@code id}, or 404. */
    public ContentItemRow find(String id) {
        return repository.findById(id).orElseThrow(() -> ApiException.notFound("No content item with id " + id + "."));
    }

    static ContentItem toApi(ContentItemRow row) {
        ContentItem item = new ContentItem(row.id(), row.title(), row.mediaType(), row.premium());
        item.setDescription(row.description());
        return item;
    }
}
