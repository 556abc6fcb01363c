package app.mobilebackend.functions.files.get;

import app.mobilebackend.api.FilesGetApi;
import app.mobilebackend.api.model.FileDownload;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.files.FileService;
import io.micronaut.http.annotation.Controller;

/** Serves getFile: the caller's file and a presigned URL to download its bytes. */
@Controller
public class GetFileController implements FilesGetApi {

    private final FileService files;
    private final CurrentUser user;

    GetFileController(FileService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    @Override
    public FileDownload getFile(String fileId) {
        return files.get(user.sub(), fileId);
    }
}
