package app.mobilebackend.functions.content.list;

import app.mobilebackend.api.ContentListApi;
import app.mobilebackend.api.model.ContentPage;
import app.mobilebackend.content.ContentCatalog;
import io.micronaut.http.annotation.Controller;

/** Serves listContent: one page of the content catalog, for any signed-in user. */
@Controller
public class ListContentController implements ContentListApi {

    private static final int DEFAULT_LIMIT = 20;

    private final ContentCatalog catalog;

    ListContentController(ContentCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public ContentPage listContent(Integer limit, String cursor) {
        return catalog.list(limit == null ? DEFAULT_LIMIT : limit, cursor);
    }
}
