package app.mobilebackend.core.contract;

import app.mobilebackend.api.model.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON Schema's findings as the API reports them: the field the client sent, and what it must be, in plain words. */
final class SchemaViolations {

    private SchemaViolations() {
    }

    /** Each finding once, named from {@code root} ({@code ""} for a body, the parameter's name for a parameter). */
    static List<FieldError> of(List<Error> findings, String root) {
        Set<String> seen = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (Error finding : findings) {
            String field = field(root, finding.getInstanceLocation());
            if (finding.getProperty() != null && ("required".equals(finding.getKeyword()) || "additionalProperties".equals(finding.getKeyword()))) {
                field = join(field, finding.getProperty());
            }
            String message = message(finding);
            if (seen.add(field + "\n" + message)) {
                errors.add(new FieldError(field.isEmpty() ? "body" : field, message));
            }
        }
        return errors;
    }

    /**
     * A string holding half of a surrogate pair is not Unicode text: it cannot be stored or sent on as UTF-8. JSON's
     * {@code \ud800} escape can still say it, so it is refused here.
     */
    static void unpairedSurrogates(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual() && !wellFormed(node.textValue())) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be Unicode text (it holds half of a surrogate pair)"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unpairedSurrogates(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String child = join(path, member.getKey());
                if (!wellFormed(member.getKey())) {
                    errors.add(new FieldError(path.isEmpty() ? "body" : path, "has a field name that is not Unicode text"));
                }
                unpairedSurrogates(member.getValue(), child, errors);
            }
        }
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code lines[0].quantity}, as the client counts it. */
    private static String field(String root, NodePath location) {
        String field = root;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            field = element instanceof Integer index ? field + "[" + index + "]" : join(field, String.valueOf(element));
        }
        return field;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String message(Error finding) {
        JsonNode schema = finding.getSchemaNode();
        String limit = argument(finding);
        return switch (String.valueOf(finding.getKeyword())) {
            case "type" -> finding.getInstanceNode() == null || finding.getInstanceNode().isNull()
                ? "must not be null" : "must be " + article(expectedType(schema));
            case "required" -> "is required";
            case "minLength" -> "must be at least " + limit + " character" + ("1".equals(limit) ? "" : "s") + " long";
            case "maxLength" -> "must be at most " + limit + " characters long";
            case "minimum" -> "must be at least " + limit;
            case "maximum" -> "must be at most " + limit;
            case "exclusiveMinimum" -> "must be more than " + limit;
            case "exclusiveMaximum" -> "must be less than " + limit;
            case "minItems" -> "must hold at least " + limit + " item" + ("1".equals(limit) ? "" : "s");
            case "maxItems" -> "must hold at most " + limit + " items";
            case "minProperties" -> "must hold at least " + limit + " field" + ("1".equals(limit) ? "" : "s");
            case "maxProperties" -> "must hold at most " + limit + " fields";
            case "pattern" -> "must match the pattern " + limit;
            case "enum" -> "must be one of " + enumValues(schema, limit);
            case "format" -> "date-time".equals(limit) || (schema != null && "date-time".equals(schema.asText()))
                ? "must be a date and time as RFC 3339 writes it, such as 2026-12-01T18:00:00Z"
                : "must be a valid " + limit;
            case "additionalProperties" -> "is not a field of this object";
            default -> withoutLocation(finding.getMessage());
        };
    }

    private static String argument(Error finding) {
        Object[] arguments = finding.getArguments();
        return arguments == null || arguments.length == 0 ? "" : String.valueOf(arguments[0]);
    }

    private static String expectedType(JsonNode schema) {
        if (schema == null) {
            return "value of another type";
        }
        JsonNode type = schema.isTextual() ? schema : schema.path("type");
        return type.isTextual() ? type.asText() : "value of another type";
    }

    private static String article(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            default -> "a " + type;
        };
    }

    private static String enumValues(JsonNode schema, String fallback) {
        JsonNode values = schema == null ? null : schema.isArray() ? schema : schema.path("enum");
        if (values == null || !values.isArray()) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(value.asText()));
        return String.join(", ", names);
    }

    private static String withoutLocation(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon < 0 ? String.valueOf(message) : message.substring(colon + 2);
    }
}
