package app.mobilebackend.infra.apigateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the api stack's {@code AWS::ApiGateway::Deployment} after the API definition it publishes. CloudFormation
 * takes a new snapshot of the API only when that resource is new (a changed Body updates the RestApi, not what the
 * stage serves), so its logical id carries a hash of the definition: a deploy that changes a route creates the next
 * deployment and points the stage at it, and one that changes nothing else keeps it. The build writes the renamed
 * copy of {@code templates/stacks/api.yaml} to {@code target/templates/stacks/api.yaml}, which {@code deploy}
 * uploads in its place. Only the resource's id and the {@code Ref}s to it change; comments and all else stay.
 */
public final class HashedDeployment {

    /** The deployment's logical id in the source template. */
    public static final String SOURCE_ID = "Deployment";

    private static final Pattern RESOURCE = Pattern.compile("(?m)^  " + SOURCE_ID + ":$");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^(\\s+(?:Ref|DependsOn): )" + SOURCE_ID + "$");

    private HashedDeployment() {
    }

    /** {@code Deployment} followed by the first 16 hex digits of the SHA-256 of {@code definition}. */
    public static String logicalId(byte[] definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition);
            return SOURCE_ID + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code apiTemplate} with its one deployment renamed {@code logicalId}, and every reference to it. */
    public static String render(String apiTemplate, String logicalId) {
        Matcher resource = RESOURCE.matcher(apiTemplate);
        if (!resource.find() || resource.find()) {
            throw new IllegalArgumentException("the api template must declare exactly one resource '" + SOURCE_ID + ":'");
        }
        String renamed = RESOURCE.matcher(apiTemplate).replaceFirst("  " + logicalId + ":");
        Matcher references = REFERENCE.matcher(renamed);
        if (!references.find()) {
            throw new IllegalArgumentException("nothing refers to '" + SOURCE_ID + "' in the api template: the stage must");
        }
        return references.replaceAll("$1" + logicalId);
    }

    /** Usage: {@code HashedDeployment <openapi-apigateway.yaml> <templates/stacks/api.yaml> <out api.yaml>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: HashedDeployment <api definition> <api template> <out>, got " + args.length + " arguments");
        }
        String logicalId = logicalId(Files.readAllBytes(Path.of(args[0])));
        Path out = Path.of(args[2]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, render(Files.readString(Path.of(args[1])), logicalId));
        System.out.println("api stack: " + out + " (its API deployment is " + logicalId + ", after " + args[0] + ")");
    }
}
