package app.mobilebackend.functions.usermigration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;

import java.util.Map;

/**
 * The Cognito "pre token generation" trigger (event version 2, which may add claims to access tokens), in both
 * regions' pools: every token carries {@code uid}, the key of the user's rows in both regions — the immutable
 * {@code custom:uid} of a user who moved here from the other region's pool, else this pool's {@code sub} (they
 * signed up here). The functions key data by it ({@code CurrentUser}). It runs at every sign-in and refresh, so it
 * is a plain handler: no application context, nothing to start, no call out.
 */
public class PreTokenGenerationFunction
    implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    static final String UID_CLAIM = "uid";
    static final String UID_ATTRIBUTE = "custom:uid";

    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        Map<String, String> attributes = event.getRequest() == null ? null : event.getRequest().getUserAttributes();
        String uid = attributes == null ? null : attributes.get(UID_ATTRIBUTE);
        if (uid == null || uid.isBlank()) {
            uid = attributes == null ? null : attributes.get("sub");
        }
        if (uid == null || uid.isBlank()) {
            // Cognito then issues no token: better than a token whose rows are nobody's.
            throw new IllegalArgumentException("The user has neither custom:uid nor sub");
        }
        var claims = new ClaimsAndScopeOverrideDetails();
        var access = new AccessTokenGeneration();
        access.setClaimsToAddOrOverride(Map.of(UID_CLAIM, uid));
        claims.setAccessTokenGeneration(access);
        var id = new IdTokenGeneration();
        id.setClaimsToAddOrOverride(Map.of(UID_CLAIM, uid));
        claims.setIdTokenGeneration(id);
        var response = event.getResponse() != null ? event.getResponse() : new CognitoUserPoolPreTokenGenerationEventV2.Response();
        response.setClaimsAndScopeOverrideDetails(claims);
        event.setResponse(response);
        return event;
    }
}
