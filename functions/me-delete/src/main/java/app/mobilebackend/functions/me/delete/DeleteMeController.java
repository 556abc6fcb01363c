package app.mobilebackend.functions.me.delete;

import app.mobilebackend.api.MeDeleteApi;
import app.mobilebackend.core.error.ProblemErrorResponseProcessor;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.privacy.MeService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;

/** Serves deleteMe: the GDPR erasure request; 204 again when there is nothing left to erase. */
@Controller
public class DeleteMeController implements MeDeleteApi {

    private final MeService me;
    private final CurrentUser user;

    DeleteMeController(MeService me, CurrentUser user) {
        this.me = me;
        this.user = user;
    }

    /** Accepts {@code Accept: application/json} too (the generated interface offers only problem+json for a 204). */
    @Override
    @Produces({MediaType.APPLICATION_JSON, ProblemErrorResponseProcessor.PROBLEM_JSON_TYPE})
    public HttpResponse<Void> deleteMe() {
        me.erase(user.sub());
        return HttpResponse.noContent();
    }
}
