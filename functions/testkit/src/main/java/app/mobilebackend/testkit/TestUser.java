package app.mobilebackend.testkit;

import app.mobilebackend.localstack.LocalIdentityProvider;

import java.util.UUID;

/** A user no other test knows, with a valid access token from the shared identity provider. */
public record TestUser(String sub, String token) {

    public static TestUser fresh() {
        String sub = "user-" + UUID.randomUUID();
        return new TestUser(sub, LocalIdentityProvider.shared().accessToken(sub));
    }
}
