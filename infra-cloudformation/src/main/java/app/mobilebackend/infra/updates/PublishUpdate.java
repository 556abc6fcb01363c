package app.mobilebackend.infra.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes an app build (infra-cloudformation/publish-update; root README, "App updates"): computes its SHA-256 and
 * size, uploads it to {@code updates/<platform>/<version>/<file>} with a year's Cache-Control (a published build never
 * changes: an existing key with another SHA-256 is refused), writes the platform's manifest
 * {@code updates/manifests/<platform>.json} with a minute's, and invalidates that one manifest path on the
 * distribution, nothing else. {@code --dry-run} prints those three requests and sends none (no credentials needed).
 * The real AWS SDK v2 S3 and CloudFront clients; {@code --s3-endpoint} and {@code --cloudfront-endpoint} point them at
 * loopback stand-ins (tests).
 */
public final class PublishUpdate {

    static final Set<String> PLATFORMS = Set.of("android", "ios");
    static final String BUILD_CACHE_CONTROL = "public, max-age=31536000, immutable";
    static final String MANIFEST_CACHE_CONTROL = "public, max-age=60";
    static final String SHA256_METADATA = "sha256";
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern DISTRIBUTION = Pattern.compile("[A-Z0-9]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+");

    /** What the command was asked to publish, checked. */
    record Options(boolean dryRun, String platform, String version, String minimumVersion, Path file, String releaseNotes,
                   Instant releasedAt, String bucket, String distributionId, String region, URI s3Endpoint, URI cloudFrontEndpoint) {

        String buildKey() {
            return "updates/" + platform + "/" + version + "/" + file.getFileName();
        }

        String manifestKey() {
            return "updates/manifests/" + platform + ".json";
        }

        /** The distribution's path of the manifest: the one path a publish invalidates. */
        String manifestPath() {
            return "/" + manifestKey();
        }
    }

    /** A command-line mistake: printed with the usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final PrintStream out;

    PublishUpdate(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new PublishUpdate(System.out).run(parse(List.of(args)));
        } catch (UsageException e) {
            System.err.println("publish-update: " + e.getMessage());
            System.err.println("usage: publish-update [--dry-run] --platform android|ios --version X.Y.Z --minimum-version X.Y.Z\n"
                + "                      --file BUILD --release-notes TEXT | --release-notes-file FILE\n"
                + "                      --bucket UPDATES_BUCKET --distribution-id ID [--region R] [--released-at ISO-8601]");
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("publish-update: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean dryRun = false;
        Set<String> known = Set.of("--platform", "--version", "--minimum-version", "--file", "--release-notes", "--release-notes-file",
            "--bucket", "--distribution-id", "--region", "--released-at", "--s3-endpoint", "--cloudfront-endpoint");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (known.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                if (values.put(arg, args.get(++i)) != null) {
                    throw new UsageException(arg + " given twice");
                }
            } else {
                throw new UsageException("unknown argument: " + arg);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("--platform", "--version", "--minimum-version", "--file", "--bucket", "--distribution-id")) {
            if (!values.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!values.containsKey("--release-notes") && !values.containsKey("--release-notes-file")) {
            missing.add("--release-notes (or --release-notes-file)");
        }
        if (!missing.isEmpty()) {
            throw new UsageException("missing " + String.join(", ", missing));
        }
        String platform = values.get("--platform");
        if (!PLATFORMS.contains(platform)) {
            throw new UsageException("--platform is android or ios, not '" + platform + "'");
        }
        String version = version(values.get("--version"), "--version");
        String minimum = version(values.get("--minimum-version"), "--minimum-version");
        if (compare(minimum, version) > 0) {
            throw new UsageException("--minimum-version " + minimum + " is above --version " + version);
        }
        Path file = Path.of(values.get("--file"));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no file " + file);
        }
        if (!FILE_NAME.matcher(file.getFileName().toString()).matches()) {
            throw new UsageException("the build's file name may hold letters, digits and . _ - only (it is part of its URL): '" + file.getFileName() + "'");
        }
        String notes;
        if (values.containsKey("--release-notes") && values.containsKey("--release-notes-file")) {
            throw new UsageException("--release-notes or --release-notes-file, not both");
        } else if (values.containsKey("--release-notes-file")) {
            try {
                notes = Files.readString(Path.of(values.get("--release-notes-file")), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException("cannot read --release-notes-file: " + e.getMessage());
            }
        } else {
            notes = values.get("--release-notes").strip();
        }
        String bucket = values.get("--bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new UsageException("not a bucket name: '" + bucket + "'");
        }
        String distribution = values.get("--distribution-id");
        if (!DISTRIBUTION.matcher(distribution).matches()) {
            throw new UsageException("not a CloudFront distribution id: '" + distribution + "'");
        }
        String region = values.get("--region");
        if (region != null && !REGION.matcher(region).matches()) {
            throw new UsageException("not a region: '" + region + "'");
        }
        Instant releasedAt;
        try {
            releasedAt = values.containsKey("--released-at") ? Instant.parse(values.get("--released-at"))
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new UsageException("--released-at is an ISO-8601 instant (2026-12-01T09:00:00Z), not '" + values.get("--released-at") + "'");
        }
        return new Options(dryRun, platform, version, minimum, file, notes, releasedAt, bucket, distribution, region,
            uri(values.get("--s3-endpoint")), uri(values.get("--cloudfront-endpoint")));
    }

    void run(Options options) {
        Digest digest = digest(options.file());
        String manifest = manifest(options, digest);
        if (options.dryRun()) {
            out.println("Dry run: the requests below are printed, not sent.");
        }
        out.printf("+ s3 PutObject s3://%s/%s from %s (%d bytes, SHA-256 %s, Cache-Control: %s)%n",
            options.bucket(), options.buildKey(), options.file(), digest.size(), digest.hex(), BUILD_CACHE_CONTROL);
        out.printf("+ s3 PutObject s3://%s/%s (Cache-Control: %s) %s%n",
            options.bucket(), options.manifestKey(), MANIFEST_CACHE_CONTROL, manifest);
        out.printf("+ cloudfront CreateInvalidation %s %s%n", options.distributionId(), options.manifestPath());
        if (options.dryRun()) {
            out.println("Dry run done: nothing was uploaded or invalidated.");
            return;
        }
        try (S3Client s3 = s3(options); CloudFrontClient cloudFront = cloudFront(options)) {
            uploadBuild(s3, options, digest);
            s3.putObject(b -> b.bucket(options.bucket()).key(options.manifestKey())
                    .contentType("application/json").cacheControl(MANIFEST_CACHE_CONTROL),
                RequestBody.fromString(manifest, StandardCharsets.UTF_8));
            CreateInvalidationResponse invalidation = cloudFront.createInvalidation(b -> b.distributionId(options.distributionId())
                .invalidationBatch(batch -> batch
                    .callerReference("publish-" + options.platform() + "-" + options.version() + "-" + Instant.now().toEpochMilli())
                    .paths(paths -> paths.quantity(1).items(options.manifestPath()))));
            out.printf("Published %s %s: %s (invalidation %s)%n", options.platform(), options.version(), options.buildKey(),
                invalidation.invalidation().id());
        }
    }

    /** Uploads the build unless this very build is there already (a publish run again); another build under its key is refused. */
    private void uploadBuild(S3Client s3, Options options, Digest digest) {
        Optional<HeadObjectResponse> existing;
        try {
            existing = Optional.of(s3.headObject(b -> b.bucket(options.bucket()).key(options.buildKey())));
        } catch (NoSuchKeyException e) {
            existing = Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            existing = Optional.empty();
        }
        if (existing.isPresent()) {
            String sha256 = existing.get().metadata().get(SHA256_METADATA);
            if (!digest.hex().equals(sha256)) {
                throw new IllegalStateException("s3://" + options.bucket() + "/" + options.buildKey() + " is another build (SHA-256 "
                    + sha256 + "): a published version never changes; publish a new version");
            }
            out.println("  s3://" + options.bucket() + "/" + options.buildKey() + " holds this build already: not uploaded again");
            return;
        }
        s3.putObject(b -> b.bucket(options.bucket()).key(options.buildKey())
                .contentType(contentType(options.file()))
                .cacheControl(BUILD_CACHE_CONTROL)
                .metadata(Map.of(SHA256_METADATA, digest.hex()))
                // S3 checks the upload against it and refuses a corrupted one
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(digest.hex()))),
            RequestBody.fromFile(options.file()));
    }

    /** The manifest app-updates-latest reads (area-updates UpdateManifest). */
    static String manifest(Options options, Digest digest) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("platform", options.platform());
        manifest.put("latestVersion", options.version());
        manifest.put("minimumVersion", options.minimumVersion());
        manifest.put("releaseNotes", options.releaseNotes());
        manifest.put("releasedAt", options.releasedAt().toString());
        manifest.put("key", options.buildKey());
        manifest.put("sha256", digest.hex());
        manifest.put("size", digest.size());
        try {
            return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Digest(String hex, long size) {
    }

    static Digest digest(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            long size = in.transferTo(java.io.OutputStream.nullOutputStream());
            return new Digest(HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".apk")) {
            return "application/vnd.android.package-archive";
        }
        return "application/octet-stream";
    }

    private static S3Client s3(Options options) {
        var builder = S3Client.builder()
            // the build's SHA-256 is sent explicitly (S3 checks it); no other checksum, which S3-compatible servers
            // (the tests' s3proxy) do not all know
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (options.region() != null) {
            builder.region(Region.of(options.region()));
        }
        if (options.s3Endpoint() != null) {
            builder.endpointOverride(options.s3Endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    private static CloudFrontClient cloudFront(Options options) {
        // CloudFront is global: its API is in us-east-1 (aws-global).
        var builder = CloudFrontClient.builder().region(Region.AWS_GLOBAL).httpClientBuilder(UrlConnectionHttpClient.builder());
        if (options.cloudFrontEndpoint() != null) {
            builder.endpointOverride(options.cloudFrontEndpoint());
        }
        return builder.build();
    }

    private static String version(String text, String option) {
        if (!VERSION.matcher(text).matches()) {
            throw new UsageException(option + " is MAJOR.MINOR.PATCH (numbers without leading zeros), not '" + text + "'");
        }
        return text;
    }

    /** Compares two MAJOR.MINOR.PATCH versions by their numbers. */
    static int compare(String a, String b) {
        Matcher x = VERSION.matcher(a);
        Matcher y = VERSION.matcher(b);
        if (!x.matches() || !y.matches()) {
            throw new IllegalArgumentException(a + " / " + b);
        }
        for (int i = 1; i <= 3; i++) {
            int c = Integer.compare(Integer.parseInt(x.group(i)), Integer.parseInt(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }
}
