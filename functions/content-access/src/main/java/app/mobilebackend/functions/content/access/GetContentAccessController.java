package app.mobilebackend.functions.content.access;

import app.mobilebackend.api.ContentAccessApi;
import app.mobilebackend.api.model.ContentAccess;
import app.mobilebackend.content.ContentAccessService;
import app.mobilebackend.core.security.CurrentUser;
import io.micronaut.http.annotation.Controller;

/** Serves getContentAccess: a short-lived CloudFront signed URL for an item the caller may fetch. */
@Controller
public class GetContentAccessController implements ContentAccessApi {

    private final ContentAccessService access;
    private final CurrentUser user;

    GetContentAccessController(ContentAccessService access, CurrentUser user) {
        this.access = access;
        this.user = user;
    }

    @Override
    public ContentAccess getContentAccess(String contentId) {
        return access.access(user.sub(), contentId);
    }
}
