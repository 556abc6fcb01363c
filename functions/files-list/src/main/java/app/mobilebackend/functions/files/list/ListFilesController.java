package app.mobilebackend.functions.files.list;

import app.mobilebackend.api.FilesListApi;
import app.mobilebackend.api.model.FilePage;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.files.FileService;
import io.micronaut.http.annotation.Controller;

/** Serves listFiles: one page of the caller's files, oldest first. */
@Controller
public class ListFilesController implements FilesListApi {

    private static final int DEFAULT_LIMIT = 20;

    private final FileService files;
    private final CurrentUser user;

    ListFilesController(FileService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    @Override
    public FilePage listFiles(Integer limit, String cursor) {
        return files.list(user.sub(), limit == null ? DEFAULT_LIMIT : limit, cursor);
    }
}
