package app.mobilebackend.push;

import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DeviceList;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.error.FieldViolationException;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A user's devices for push notifications, free of HTTP and Lambda. Each device is one token and one push endpoint;
 * a token belongs to one user at a time (whoever registered it last: a phone that changed hands notifies its new
 * owner only). The push endpoint is created before the row is written, and creating it is idempotent per token, so a
 * failed write leaves nothing a retry would not reuse.
 */
@Singleton
public final class DeviceService {

    /** How many devices one user may register. */
    public static final int MAX_DEVICES = 100;
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    /** Concurrent registrations of one token: each lost race re-reads and decides again. */
    private static final int ATTEMPTS = 3;

    private final DeviceRepository repository;
    private final BeanProvider<PushEndpoints> endpoints;
    private final PushConfiguration configuration;
    private final Clock clock;

    DeviceService(DeviceRepository repository, BeanProvider<PushEndpoints> endpoints, PushConfiguration configuration, Clock clock) {
        this.repository = repository;
        this.endpoints = endpoints;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** The outcome of a registration: the device and whether it is new (201) or was registered before (200). */
    public record Registration(Device device, boolean created) {
    }

    public Registration register(String ownerSub, DeviceRegistration request) {
        DevicePlatform platform = request.getPlatform();
        String token = request.getToken();
        if (PushPlatforms.applicationArn(configuration, platform) == null) {
            throw new FieldViolationException(List.of(new FieldError("platform", "Push notifications through " + platform + " are not set up.")));
        }
        String tokenHash = sha256(token);
        for (int attempt = 1; ; attempt++) {
            try {
                return registerOnce(ownerSub, platform, token, tokenHash);
            } catch (DataAccessException e) {
                if (!isDuplicateKey(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Registration registerOnce(String ownerSub, DevicePlatform platform, String token, String tokenHash) {
        Optional<DeviceRow> existing = repository.findByPlatformAndTokenHash(platform.name(), tokenHash);
        Instant now = now();
        if (existing.isPresent() && existing.get().ownerSub().equals(ownerSub)) {
            DeviceRow row = existing.get();
            String endpoint = ensureEndpoint(platform, token, row.endpointArn());
            if (!row.enabled() || !endpoint.equals(row.endpointArn()) || !token.equals(row.token())) {
                repository.refresh(row.id(), ownerSub, token, endpoint, now);
            }
            return new Registration(toApi(row), false);
        }
        if (repository.countByOwnerSub(ownerSub) >= MAX_DEVICES) {
            throw ApiException.conflict("A user may register at most " + MAX_DEVICES + " devices; delete one first.");
        }
        String endpoint = ensureEndpoint(platform, token, existing.map(DeviceRow::endpointArn).orElse(null));
        DeviceRow row = new DeviceRow(IDS.generate().toString(), ownerSub, platform.name(), token, tokenHash, endpoint,
            true, now, now);
        if (existing.isPresent()) {
            // The token was another user's: it now reaches this user's phone, so it moves (as a new device).
            DeviceRow previous = existing.get();
            if (repository.move(previous.id(), previous.ownerSub(), row.id(), ownerSub, token, endpoint, now) == 0) {
                throw new LostRace();
            }
        } else {
            repository.save(row);
        }
        return new Registration(toApi(row), true);
    }

    private String ensureEndpoint(DevicePlatform platform, String token, String current) {
        try {
            return endpoints.get().ensure(platform, token, current);
        } catch (InvalidPushTokenException e) {
            // well-formed by the spec, refused by the push service: 422, as a name of something that does not exist
            throw FieldViolationException.unprocessable("The push service refused the token.",
                List.of(new FieldError("token", "The push service refused this " + platform + " token.")));
        }
    }

    public DeviceList list(String ownerSub) {
        return new DeviceList(repository.findByOwner(ownerSub, MAX_DEVICES).stream().map(DeviceService::toApi).toList());
    }

    /** The caller's devices, oldest first, for the GDPR export. */
    public List<Device> all(String ownerSub) {
        return list(ownerSub).getItems();
    }

    /** Deletes the device's push endpoint, then the device; another user's device is not found. */
    public void delete(String ownerSub, String id) {
        DeviceRow row = repository.findByIdAndOwnerSub(id, ownerSub)
            .orElseThrow(() -> ApiException.notFound("No device with id " + id + "."));
        endpoints.get().delete(row.endpointArn());
        repository.deleteByIdAndOwnerSub(id, ownerSub);
    }

    /** Deletes every device of the user and its push endpoint; nothing left is fine. */
    public void deleteAll(String ownerSub) {
        List<DeviceRow> rows;
        while (!(rows = repository.findByOwner(ownerSub, MAX_DEVICES)).isEmpty()) {
            for (DeviceRow row : rows) {
                endpoints.get().delete(row.endpointArn());
                repository.deleteByIdAndOwnerSub(row.id(), ownerSub);
            }
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException || t instanceof LostRace) {
                return true;
            }
        }
        return false;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Device toApi(DeviceRow row) {
        return new Device(row.id(), DevicePlatform.valueOf(row.platform()), row.createdAt().atOffset(ZoneOffset.UTC));
    }

    /** Another registration changed the token's row between our read and our write. */
    private static final class LostRace extends DataAccessException {
        LostRace() {
            super("The device changed concurrently");
        }
    }
}
