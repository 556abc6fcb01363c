package app.mobilebackend.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * One parameter of an operation as the spec declares it. A parameter arrives as text; it is read as its schema's type
 * by the strict rules of JSON ({@code true}/{@code false}, integers without sign noise or fraction), never coerced,
 * then checked against the schema.
 */
record ParameterRule(String name, Location in, boolean required, String type, Schema schema) {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Where a parameter comes from. */
    enum Location {
        PATH, QUERY, HEADER, COOKIE;

        static Location of(String in) {
            return switch (in) {
                case "path" -> PATH;
                case "query" -> QUERY;
                case "header" -> HEADER;
                default -> COOKIE;
            };
        }
    }

    /** The value as the JSON its schema's type reads, or null when the text is not of that type. */
    JsonNode read(String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (type) {
            case "integer" -> INTEGER.matcher(text).matches() ? nodes.numberNode(new BigInteger(text)) : null;
            case "number" -> NUMBER.matcher(text).matches() ? nodes.numberNode(new BigDecimal(text)) : null;
            case "boolean" -> "true".equals(text) ? nodes.booleanNode(true) : "false".equals(text) ? nodes.booleanNode(false) : null;
            default -> nodes.textNode(text);
        };
    }

    /** What a value that {@link #read} refused should have been. */
    String typeMessage() {
        return switch (type) {
            case "integer" -> "must be an integer";
            case "number" -> "must be a number";
            case "boolean" -> "must be true or false";
            default -> "must be a " + type;
        };
    }
}
