package app.mobilebackend.functions.me.export;

import app.mobilebackend.api.MeExportApi;
import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.privacy.MeService;
import io.micronaut.http.annotation.Controller;

/** Serves exportMyData: the GDPR access request, answered at once. */
@Controller
public class ExportMyDataController implements MeExportApi {

    private final MeService me;
    private final CurrentUser user;

    ExportMyDataController(MeService me, CurrentUser user) {
        this.me = me;
        this.user = user;
    }

    @Override
    public DataExport exportMyData() {
        return me.export(user.sub());
    }
}
