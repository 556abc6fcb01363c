package app.mobilebackend.localstack;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The 2048-bit RSA key pairs of the local stand-ins (the identity provider's token key, CloudFront's URL signing key),
 * one per name and JVM. Outside the build each JVM makes its own. In the build's test JVMs (the system property
 * {@value #CACHE_PROPERTY}, set by the root pom) the first JVM to need one writes it to that folder and the others read
 * it: making one costs 1 to 3 s of a core (a prime search), in each of the ~60 test JVMs of a build. These keys sign
 * test tokens and test URLs only, for stand-ins on loopback.
 */
public final class LocalKeys {

    /** The folder that keeps the build's test keys ({@code target/test-keys} of the checkout). */
    public static final String CACHE_PROPERTY = "local.keys.cache";

    private static final Map<String, KeyPair> MADE = new HashMap<>();

    private LocalKeys() {
    }

    /** The key pair named {@code name}: the same one for every call in this JVM. */
    public static synchronized KeyPair rsa(String name) {
        return MADE.computeIfAbsent(name, LocalKeys::readOrMake);
    }

    private static KeyPair readOrMake(String name) {
        String cache = System.getProperty(CACHE_PROPERTY);
        if (cache == null || cache.isBlank()) {
            return generate();
        }
        Path file = Path.of(cache, name + ".pk8");
        try {
            if (Files.isRegularFile(file)) {
                return fromPkcs8(Files.readAllBytes(file));
            }
            KeyPair keys = generate();
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), name, ".partial");
            Files.write(partial, keys.getPrivate().getEncoded());
            try {
                // two JVMs racing both write a whole key; each keeps using its own, the file holds one of them
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return generate(); // an unreadable cache costs time, not correctness
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair fromPkcs8(byte[] der) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        BigInteger modulus = privateKey.getModulus();
        return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent())), privateKey);
    }
}
