package app.mobilebackend.functions.events.create;

import app.mobilebackend.analytics.AnalyticsService;
import app.mobilebackend.api.EventsCreateApi;
import app.mobilebackend.api.model.EventBatch;
import app.mobilebackend.api.model.EventsAccepted;
import app.mobilebackend.core.security.CurrentUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;

/** Serves createEvents: 202 with how many events are on the analytics stream. */
@Controller
public class CreateEventsController implements EventsCreateApi {

    private final AnalyticsService analytics;
    private final CurrentUser user;

    CreateEventsController(AnalyticsService analytics, CurrentUser user) {
        this.analytics = analytics;
        this.user = user;
    }

    @Override
    public HttpResponse<EventsAccepted> createEvents(EventBatch eventBatch) {
        int accepted = analytics.record(user.sub(), eventBatch.getEvents());
        return HttpResponse.<EventsAccepted>status(HttpStatus.ACCEPTED).body(new EventsAccepted(accepted));
    }
}
