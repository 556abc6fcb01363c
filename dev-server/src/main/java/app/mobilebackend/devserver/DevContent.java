package app.mobilebackend.devserver;

import app.mobilebackend.localstack.LocalKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * What content-access needs locally: a CloudFront signing key of the dev server's own (kept in the data folder, so
 * URLs signed before a restart still verify with the same key) and a made-up CDN domain. The URLs it answers are
 * real CloudFront signed URLs; nothing serves them.
 */
final class DevContent {

    static final String CDN_DOMAIN = "content.dev.invalid";
    static final String KEY_PAIR_ID = "KDEVELOPMENTKEY";
    private static final Logger LOG = LoggerFactory.getLogger(DevContent.class);

    private DevContent() {
    }

    static Map<String, Object> properties(Path dataDir) throws IOException {
        return Map.of(
            "content.cdn-domain", CDN_DOMAIN,
            "content.key-pair-id", KEY_PAIR_ID,
            "content.private-key", signingKey(dataDir.resolve("dev-content-signing-key.pem")));
    }

    private static String signingKey(Path file) throws IOException {
        if (Files.exists(file)) {
            String pem = Files.readString(file);
            if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
                return pem;
            }
            LOG.warn("Replacing the unreadable content signing key {}", file);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(LocalKeys.rsa("dev-content-signing").getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        return pem;
    }
}
