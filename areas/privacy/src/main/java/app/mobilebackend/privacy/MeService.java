package app.mobilebackend.privacy;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.core.audit.AuditEvent;
import app.mobilebackend.core.audit.AuditLog;
import app.mobilebackend.core.lambda.CurrentInvocation;
import app.mobilebackend.core.personaldata.PersonalData;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.uuid.Generators;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The caller's personal data as a whole: GDPR access ({@link #export}) and erasure ({@link #erase}), over every
 * area's {@link PersonalData} bean on the class path.
 */
@Singleton
public final class MeService {

    private final List<PersonalData> areas;
    private final ErasureLogRepository erasureLog;
    private final AuditLog audit;
    private final CurrentInvocation invocation;
    private final Clock clock;

    MeService(List<PersonalData> areas, ErasureLogRepository erasureLog, AuditLog audit, CurrentInvocation invocation, Clock clock) {
        this.areas = areas;
        this.erasureLog = erasureLog;
        this.audit = audit;
        this.invocation = invocation;
        this.clock = clock;
    }

    /** Everything stored about {@code userId}; an area with nothing of theirs leaves its list empty. */
    public DataExport export(String userId) {
        DataExport export = new DataExport(userId, clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC),
            new ArrayList<>(), new Preferences(Map.of(), 0L), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (PersonalData area : areas) {
            area.export(userId, export);
        }
        return export;
    }

    /**
     * Erases {@code userId} from every area, then records that it happened (without personal data). Each area's
     * erasure is idempotent, so a failure halfway is repaired by calling this again; the record is written only
     * once every area succeeded.
     */
    public void erase(String userId) {
        for (PersonalData area : areas) {
            area.erase(userId);
        }
        String names = areas.stream().map(MeService::areaName).sorted().collect(Collectors.joining(","));
        ErasureRecord record = new ErasureRecord(Generators.timeBasedEpochGenerator().generate().toString(),
            subjectHash(userId), clock.instant().truncatedTo(ChronoUnit.MILLIS),
            invocation.context().map(Context::getAwsRequestId).orElse(null), names);
        erasureLog.save(record);
        audit.record(new AuditEvent("erasure", record.erasedAt(), null, "deleteMe", null, null, null, null, record.requestId(),
            "erasure " + record.id() + " of subject hash " + record.subjectHash() + ": " + names));
    }

    /** SHA-256 of the sub, hex: lets one check whether a known user was erased without keeping who. */
    public static String subjectHash(String userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String areaName(PersonalData area) {
        String name = area.getClass().getSimpleName();
        return name.endsWith("PersonalData") ? name.substring(0, name.length() - "PersonalData".length()) : name;
    }
}
