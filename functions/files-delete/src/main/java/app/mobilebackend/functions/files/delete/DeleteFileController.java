package app.mobilebackend.functions.files.delete;

import app.mobilebackend.api.FilesDeleteApi;
import app.mobilebackend.core.error.ProblemErrorResponseProcessor;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.files.FileService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;

/** Serves deleteFile: 204 once the caller's file and its bytes are gone. */
@Controller
public class DeleteFileController implements FilesDeleteApi {

    private final FileService files;
    private final CurrentUser user;

    DeleteFileController(FileService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    /** Accepts {@code Accept: application/json} too (the generated interface offers only problem+json for a 204). */
    @Override
    @Produces({MediaType.APPLICATION_JSON, ProblemErrorResponseProcessor.PROBLEM_JSON_TYPE})
    public HttpResponse<Void> deleteFile(String fileId) {
        files.delete(user.sub(), fileId);
        return HttpResponse.noContent();
    }
}
