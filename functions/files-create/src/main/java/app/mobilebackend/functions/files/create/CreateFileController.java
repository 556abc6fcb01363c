package app.mobilebackend.functions.files.create;

import app.mobilebackend.api.FilesCreateApi;
import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.files.FileService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.net.URI;

/** Serves createFile: 201 with the new file, its {@code Location} and a presigned URL to upload its bytes to. */
@Controller
public class CreateFileController implements FilesCreateApi {

    private final FileService files;
    private final CurrentUser user;

    CreateFileController(FileService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    @Override
    public HttpResponse<FileUpload> createFile(FileCreate fileCreate) {
        FileUpload upload = files.create(user.sub(), fileCreate);
        return HttpResponse.created(upload, URI.create("/files/" + upload.getFile().getId()));
    }
}
