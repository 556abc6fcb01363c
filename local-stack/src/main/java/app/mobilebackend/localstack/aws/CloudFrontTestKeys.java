package app.mobilebackend.localstack.aws;

import app.mobilebackend.localstack.LocalKeys;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * A CloudFront signing key pair for tests ({@link LocalKeys}), and the content configuration that signs with it, so
 * content-access starts in tests (and the deployed-jar check) and its URLs can be verified with {@link #publicKey()}.
 */
public final class CloudFrontTestKeys {

    public static final String CDN_DOMAIN = "cdn.content.test";
    public static final String KEY_PAIR_ID = "K2TESTKEYPAIRID";

    private CloudFrontTestKeys() {
    }

    /** The JVM's key pair ({@link LocalKeys}). */
    public static KeyPair keyPair() {
        return LocalKeys.rsa("cloudfront-signing");
    }

    public static PublicKey publicKey() {
        return keyPair().getPublic();
    }

    /** The private key as PEM (PKCS#8), as {@code content.private-key} takes it. */
    public static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    }

    /** content.cdn-domain, content.key-pair-id and content.private-key for this key pair. */
    public static Map<String, Object> contentProperties() {
        return Map.of("content.cdn-domain", CDN_DOMAIN, "content.key-pair-id", KEY_PAIR_ID,
            "content.private-key", privateKeyPem());
    }
}
