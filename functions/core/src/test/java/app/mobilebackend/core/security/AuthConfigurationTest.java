package app.mobilebackend.core.security;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pools and app clients the functions trust (both regions' pools: README, "One user in both regions"). */
class AuthConfigurationTest {

    private static final String OWN = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Own";
    private static final String PEER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Peer";
    private static final String JWKS = "{\"keys\":[]}";

    @Test
    void eachPoolIsTrustedForItsOwnAppClientsOnly() {
        var both = new AuthConfiguration(OWN, List.of("own-app"), PEER, List.of("peer-app"), JWKS);

        assertTrue(both.trusts(OWN, "own-app"));
        assertTrue(both.trusts(PEER, "peer-app"));
        assertFalse(both.trusts(OWN, "peer-app"));
        assertFalse(both.trusts(PEER, "own-app"));
        assertFalse(both.trusts("https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other", "own-app"));
    }

    @Test
    void withoutAPeerOnlyThisRegionsPoolIsTrusted() {
        // what the templates pass before the other region exists: empty values
        var alone = new AuthConfiguration(OWN, List.of("own-app"), "", List.of(""), "");

        assertTrue(alone.trusts(OWN, "own-app"));
        assertFalse(alone.trusts(PEER, "peer-app"));
        assertFalse(alone.trusts("", ""));
    }

    @Test
    void aPeerIssuerWithoutItsKeysOrClientsOrThatIsThisPoolStopsTheStart() {
        assertThrows(ConfigurationException.class, () -> new AuthConfiguration(OWN, List.of("own-app"), PEER, List.of("peer-app"), ""));
        assertThrows(ConfigurationException.class, () -> new AuthConfiguration(OWN, List.of("own-app"), PEER, List.of(), JWKS));
        assertThrows(ConfigurationException.class, () -> new AuthConfiguration(OWN, List.of("own-app"), OWN, List.of("own-app"), JWKS));
        assertThrows(ConfigurationException.class, () -> new AuthConfiguration(" ", List.of("own-app"), null, null, null));
        assertThrows(ConfigurationException.class, () -> new AuthConfiguration(OWN, List.of(" "), null, null, null));
    }
}
