package app.mobilebackend.functions.files.delete;

import app.mobilebackend.api.FilesDeleteApi;
import app.mobilebackend.core.files.FileService;
import app.mobilebackend.core.security.CurrentUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Serves deleteFile: 204 once the caller's file and its bytes are gone. */
@Controller
public class DeleteFileController implements FilesDeleteApi {

    private final FileService files;
    private final CurrentUser user;

    DeleteFileController(FileService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    @Override
    public HttpResponse<Void> deleteFile(String fileId) {
        files.delete(user.sub(), fileId);
        return HttpResponse.noContent();
    }
}
