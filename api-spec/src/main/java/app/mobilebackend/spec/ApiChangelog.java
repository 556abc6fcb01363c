package app.mobilebackend.spec;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ChangedSecurityRequirement;
import org.openapitools.openapidiff.core.model.ChangedSecurityRequirements;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;
import org.openapitools.openapidiff.core.model.schema.ChangedOneOfSchema;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between the released spec and the current one, itemised for a reviewer: each item is in one of the
 * sections Added, Changed, Deprecated, Removed, says whether it breaks existing clients, and where in the API it shows.
 * <p>
 * Built from openapi-diff's {@link ChangedOpenApi}, whose verdicts decide what is breaking, with one rule of this
 * project on top: a property removed from a schema is breaking even where openapi-diff calls it compatible (an optional
 * response field), since the generated mobile SDK models lose the field the apps read. A change to a schema shared by
 * several operations is one item that lists them all.
 */
public final class ApiChangelog {

    public enum Section {
        ADDED("Added"), CHANGED("Changed"), DEPRECATED("Deprecated"), REMOVED("Removed");

        public final String title;

        Section(String title) {
            this.title = title;
        }
    }

    /** One change: its section, what changed (Markdown), whether it breaks clients, and where it shows. */
    public record Item(Section section, String what, boolean breaking, List<String> where) {

        String toMarkdown() {
            return (breaking ? "**BREAKING** " : "") + what + (where.isEmpty() ? "" : " — in " + String.join(", ", where));
        }
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<Schema<?>, String> schemaNames = new IdentityHashMap<>();
    private final Set<ChangedSchema> walking = Collections.newSetFromMap(new IdentityHashMap<>());
    private int recorded;
    private int recordedBreaking;

    private ApiChangelog(ChangedOpenApi diff) {
        nameSchemas(diff.getOldSpecOpenApi());
        nameSchemas(diff.getNewSpecOpenApi());
    }

    /** The items of a comparison, in the order of the spec, breaking ones first within a section. */
    static List<Item> of(ChangedOpenApi diff) {
        ApiChangelog changelog = new ApiChangelog(diff);
        changelog.endpoints(diff);
        List<Item> result = new ArrayList<>();
        for (Section section : Section.values()) {
            changelog.items.values().stream().filter(i -> i.section() == section && i.breaking()).forEach(result::add);
            changelog.items.values().stream().filter(i -> i.section() == section && !i.breaking()).forEach(result::add);
        }
        return List.copyOf(result);
    }

    private void nameSchemas(OpenAPI spec) {
        Components components = spec.getComponents();
        if (components != null && components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> schemaNames.putIfAbsent(schema, name));
        }
    }

    private void endpoints(ChangedOpenApi diff) {
        for (Endpoint endpoint : diff.getNewEndpoints()) {
            add(Section.ADDED, code(endpoint.toString()) + summary(endpoint.getSummary()), false, null);
        }
        for (Endpoint endpoint : diff.getMissingEndpoints()) {
            add(Section.REMOVED, code(endpoint.toString()) + summary(endpoint.getSummary()),
                diff.isCoreChanged().isIncompatible(), null);
        }
        diff.getChangedOperations().stream().sorted(inSpecOrder(diff.getOldSpecOpenApi())).forEach(this::operation);
    }

    /**
     * The order of the operations in {@code spec}: by path, and within a path get, put, post, delete…
     * openapi-diff lists changed operations in the order it resolved their schemas instead.
     */
    private static Comparator<ChangedOperation> inSpecOrder(OpenAPI spec) {
        List<String> operations = new ArrayList<>();
        if (spec.getPaths() != null) {
            spec.getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(method -> operations.add(method + " " + path)));
        }
        return Comparator.comparingInt(operation -> operations.indexOf(operation.getHttpMethod() + " " + operation.getPathUrl()));
    }

    private void operation(ChangedOperation operation) {
        String op = code(operation.getHttpMethod() + " " + operation.getPathUrl());
        int before = recorded;
        int breakingBefore = recordedBreaking;
        if (operation.isDeprecated()) {
            if (Boolean.TRUE.equals(operation.getNewOperation().getDeprecated())) {
                add(Section.DEPRECATED, op, false, null);
            } else {
                add(Section.CHANGED, op + " is no longer deprecated", false, null);
            }
        }
        if (operation.getOperationId() != null && operation.getOperationId().isDifferent()) {
            add(Section.CHANGED, "operationId " + code(operation.getOperationId().getLeft()) + " → "
                + code(operation.getOperationId().getRight()), operation.getOperationId().isIncompatible(), op);
        }
        parameters(operation.getParameters(), op);
        requestBody(operation.getRequestBody(), op);
        responses(operation.getApiResponses(), op);
        security(operation.getSecurityRequirements(), op);
        if (operation.isIncompatible() && recordedBreaking == breakingBefore) {
            add(Section.CHANGED, op + ": an incompatible change that this summary does not itemise (run openapi-diff)",
                true, null);
        } else if (operation.isChanged().getWeight() >= DiffResult.COMPATIBLE.getWeight() && recorded == before) {
            add(Section.CHANGED, op + ": a change that this summary does not itemise (run openapi-diff)", false, null);
        }
    }

    private void parameters(ChangedParameters parameters, String op) {
        if (parameters == null) {
            return;
        }
        for (Parameter added : parameters.getIncreased()) {
            boolean required = Boolean.TRUE.equals(added.getRequired());
            add(Section.ADDED, parameter(added.getName(), added.getIn()) + (required ? ", required" : ", optional"),
                required && parameters.isCoreChanged().isIncompatible(), op);
        }
        for (Parameter missing : parameters.getMissing()) {
            add(Section.REMOVED, parameter(missing.getName(), missing.getIn()), parameters.isCoreChanged().isIncompatible(), op);
        }
        for (ChangedParameter changed : parameters.getChanged()) {
            String label = parameter(changed.getName(), changed.getIn());
            if (changed.isDeprecated()) {
                if (Boolean.TRUE.equals(changed.getNewParameter().getDeprecated())) {
                    add(Section.DEPRECATED, label, false, op);
                } else {
                    add(Section.CHANGED, label + " is no longer deprecated", false, op);
                }
            }
            boolean coreBreaking = changed.isCoreChanged().isIncompatible();
            if (changed.isChangeRequired()) {
                boolean nowRequired = Boolean.TRUE.equals(changed.getNewParameter().getRequired());
                add(Section.CHANGED, label + (nowRequired ? " is now required" : " is now optional"),
                    nowRequired && coreBreaking, op);
            }
            if (changed.isChangeStyle() || changed.isChangeExplode() || changed.isChangeAllowEmptyValue()) {
                add(Section.CHANGED, label + ": serialization (style, explode or allowEmptyValue) changed", coreBreaking, op);
            }
            schema(changed.getSchema(), null, label, op);
        }
    }

    private void requestBody(ChangedRequestBody body, String op) {
        if (body == null) {
            return;
        }
        if (body.isChangeRequired()) {
            boolean nowRequired = Boolean.TRUE.equals(body.getNewRequestBody().getRequired());
            add(Section.CHANGED, "the request body is now " + (nowRequired ? "required" : "optional"),
                body.isCoreChanged().isIncompatible(), op);
        }
        content(body.getContent(), op + " request body");
    }

    private void responses(ChangedApiResponse responses, String op) {
        if (responses == null) {
            return;
        }
        responses.getIncreased().keySet().forEach(status -> add(Section.ADDED, "response " + code(status), false, op));
        responses.getMissing().keySet().forEach(status ->
            add(Section.REMOVED, "response " + code(status), responses.isCoreChanged().isIncompatible(), op));
        responses.getChanged().forEach((status, response) -> response(response, op + " response " + status));
    }

    private void response(ChangedResponse response, String where) {
        headers(response.getHeaders(), where);
        content(response.getContent(), where);
    }

    private void headers(ChangedHeaders headers, String where) {
        if (headers == null) {
            return;
        }
        headers.getIncreased().keySet().forEach(name -> add(Section.ADDED, "header " + code(name), false, where));
        headers.getMissing().keySet().forEach(name ->
            add(Section.REMOVED, "header " + code(name), headers.isCoreChanged().isIncompatible(), where));
        headers.getChanged().forEach((name, header) -> header(name, header, where));
    }

    private void header(String name, ChangedHeader header, String where) {
        String label = "header " + code(name);
        if (header.isDeprecated()) {
            add(Boolean.TRUE.equals(header.getNewHeader().getDeprecated()) ? Section.DEPRECATED : Section.CHANGED,
                label + (Boolean.TRUE.equals(header.getNewHeader().getDeprecated()) ? "" : " is no longer deprecated"),
                false, where);
        }
        if (header.isRequired() || header.isStyle() || header.isExplode()) {
            add(Section.CHANGED, label + ": required, style or explode changed", header.isCoreChanged().isIncompatible(), where);
        }
        schema(header.getSchema(), null, label, where);
    }

    private void content(ChangedContent content, String where) {
        if (content == null) {
            return;
        }
        content.getIncreased().keySet().forEach(type -> add(Section.ADDED, "media type " + code(type), false, where));
        content.getMissing().keySet().forEach(type ->
            add(Section.REMOVED, "media type " + code(type), content.isCoreChanged().isIncompatible(), where));
        content.getChanged().forEach((type, mediaType) -> schema(mediaType.getSchema(), null, "the schema", where));
    }

    private void security(ChangedSecurityRequirements security, String op) {
        if (security == null) {
            return;
        }
        boolean coreBreaking = security.isCoreChanged().isIncompatible();
        if (security.getIncreased() != null) {
            security.getIncreased().forEach(r -> add(Section.ADDED, "security requirement " + schemes(r), false, op));
        }
        if (security.getMissing() != null) {
            security.getMissing().forEach(r -> add(Section.REMOVED, "security requirement " + schemes(r), coreBreaking, op));
        }
        if (security.getChanged() != null) {
            for (ChangedSecurityRequirement changed : security.getChanged()) {
                add(Section.CHANGED, "security requirement " + schemes(changed.getNewSecurityRequirement()) + " changed",
                    changed.isIncompatible(), op);
            }
        }
    }

    /**
     * The changes of one schema and, recursively, of its properties and items.
     *
     * @param path      the dotted path of the schema ({@code Todo.notes}), or null for an unnamed root
     * @param rootLabel how to name an unnamed root ("the schema", "parameter `limit` (query)")
     */
    private void schema(ChangedSchema schema, String path, String rootLabel, String where) {
        if (schema == null || !walking.add(schema)) {
            return;
        }
        try {
            String name = componentName(schema);
            String at = name != null ? name : path;
            String label = at != null ? code(at) : rootLabel;
            boolean request = schema.getContext() != null && schema.getContext().isRequest();
            boolean response = schema.getContext() != null && schema.getContext().isResponse();
            boolean coreBreaking = schema.isCoreChanged().isIncompatible();

            if (schema.isChangedType()) {
                if (schema.getOldSchema() == null) {
                    add(Section.ADDED, label + " (" + type(schema.getNewSchema()) + ")", coreBreaking, where);
                } else if (schema.getNewSchema() == null) {
                    add(Section.REMOVED, label, coreBreaking, where);
                } else {
                    add(Section.CHANGED, label + ": type " + code(type(schema.getOldSchema())) + " → "
                        + code(type(schema.getNewSchema())), coreBreaking, where);
                }
                return;
            }
            if (schema.isChangeDeprecated()) {
                if (Boolean.TRUE.equals(schema.getNewSchema().getDeprecated())) {
                    add(Section.DEPRECATED, label, false, where);
                } else {
                    add(Section.CHANGED, label + " is no longer deprecated", false, where);
                }
            }
            if (schema.isChangeDefault()) {
                add(Section.CHANGED, label + ": default " + value(schema.getOldSchema().getDefault()) + " → "
                    + value(schema.getNewSchema().getDefault()), false, where);
            }
            if (schema.isDiscriminatorPropertyChanged()) {
                add(Section.CHANGED, label + ": discriminator changed", coreBreaking, where);
            }

            ChangedRequired required = schema.getRequired();
            List<String> nowRequired = required == null ? List.of() : required.getIncreased();
            List<String> nowOptional = required == null ? List.of() : required.getMissing();
            boolean requiredBreaking = required != null && required.isIncompatible();
            schema.getIncreasedProperties().forEach((property, definition) -> {
                boolean isRequired = nowRequired.contains(property);
                add(Section.ADDED, code(child(at, property)) + " (" + type(definition)
                    + (isRequired ? ", required" : ", optional") + ")", request && isRequired && requiredBreaking, where);
            });
            // This project's rule: a removed property is breaking, whether openapi-diff says so or not.
            schema.getMissingProperties().keySet().forEach(property ->
                add(Section.REMOVED, code(child(at, property)), true, where));
            nowRequired.stream().filter(p -> !schema.getIncreasedProperties().containsKey(p)).forEach(property ->
                add(Section.CHANGED, code(child(at, property)) + " is now required", request && requiredBreaking, where));
            nowOptional.stream().filter(p -> !schema.getMissingProperties().containsKey(p)).forEach(property ->
                add(Section.CHANGED, code(child(at, property)) + " is now optional", response && requiredBreaking, where));

            if (schema.getEnumeration() != null && schema.getEnumeration().isDifferent()) {
                boolean enumBreaking = schema.getEnumeration().isIncompatible();
                schema.getEnumeration().getIncreased().forEach(value ->
                    add(Section.ADDED, label + " value " + value(value), response && enumBreaking, where));
                schema.getEnumeration().getMissing().forEach(value ->
                    add(Section.REMOVED, label + " value " + value(value), request && enumBreaking, where));
            }
            constraints(schema, label, where);
            oneOf(schema.getOneOfSchema(), label, request, response, where);

            schema.getChangedProperties().forEach((property, changed) ->
                schema(changed, child(at, property), rootLabel + " property " + code(property), where));
            schema(schema.getItems(), at == null ? null : at + "[]", rootLabel + " items", where);
            schema(schema.getAddProp(), at == null ? null : at + ".*", rootLabel + " additional properties", where);
        } finally {
            walking.remove(schema);
        }
    }

    private void constraints(ChangedSchema schema, String label, String where) {
        Schema<?> before = schema.getOldSchema();
        Schema<?> after = schema.getNewSchema();
        constraint(schema.getMaxLength(), label, "maxLength", before.getMaxLength(), after.getMaxLength(), where);
        constraint(schema.getMinLength(), label, "minLength", before.getMinLength(), after.getMinLength(), where);
        constraint(schema.getMaxItems(), label, "maxItems", before.getMaxItems(), after.getMaxItems(), where);
        constraint(schema.getMinItems(), label, "minItems", before.getMinItems(), after.getMinItems(), where);
        constraint(schema.getMaxProperties(), label, "maxProperties", before.getMaxProperties(), after.getMaxProperties(), where);
        constraint(schema.getMinProperties(), label, "minProperties", before.getMinProperties(), after.getMinProperties(), where);
        constraint(schema.getMultipleOf(), label, "multipleOf", before.getMultipleOf(), after.getMultipleOf(), where);
        constraint(schema.getUniqueItems(), label, "uniqueItems", before.getUniqueItems(), after.getUniqueItems(), where);
        constraint(schema.getPattern(), label, "pattern", before.getPattern(), after.getPattern(), where);
        constraint(schema.getNullable(), label, "nullable", before.getNullable(), after.getNullable(), where);
        constraint(schema.getReadOnly(), label, "readOnly", before.getReadOnly(), after.getReadOnly(), where);
        constraint(schema.getWriteOnly(), label, "writeOnly", before.getWriteOnly(), after.getWriteOnly(), where);
        ChangedNumericRange range = schema.getNumericRange();
        if (range != null && range.isDifferent()) {
            add(Section.CHANGED, label + ": range " + range(before) + " → " + range(after), range.isIncompatible(), where);
        }
    }

    private void constraint(Changed changed, String label, String keyword, Object before, Object after, String where) {
        if (changed != null && changed.isDifferent()) {
            add(Section.CHANGED, label + ": " + keyword + " " + value(before) + " → " + value(after), changed.isIncompatible(), where);
        }
    }

    private void oneOf(ChangedOneOfSchema oneOf, String label, boolean request, boolean response, String where) {
        if (oneOf == null) {
            return;
        }
        boolean breaking = oneOf.isCoreChanged().isIncompatible();
        oneOf.getIncreased().keySet().forEach(option ->
            add(Section.ADDED, label + " oneOf option " + code(option), response && breaking, where));
        oneOf.getMissing().keySet().forEach(option ->
            add(Section.REMOVED, label + " oneOf option " + code(option), request && breaking, where));
        oneOf.getChanged().forEach((option, changed) -> schema(changed, null, label + " oneOf option " + code(option), where));
    }

    private void add(Section section, String what, boolean breaking, String where) {
        recorded++;
        if (breaking) {
            recordedBreaking++;
        }
        Item item = items.get(section + what);
        Set<String> places = new LinkedHashSet<>(item == null ? List.of() : item.where());
        if (where != null) {
            places.add(where);
        }
        items.put(section + what, new Item(section, what, breaking || item != null && item.breaking(), List.copyOf(places)));
    }

    private String componentName(ChangedSchema schema) {
        String name = schema.getNewSchema() == null ? null : schemaNames.get(schema.getNewSchema());
        return name != null || schema.getOldSchema() == null ? name : schemaNames.get(schema.getOldSchema());
    }

    private String type(Schema<?> schema) {
        if (schema == null) {
            return "none";
        }
        if (schemaNames.containsKey(schema)) {
            return schemaNames.get(schema);
        }
        if (schema.get$ref() != null) {
            return schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        }
        if (schema instanceof ArraySchema || "array".equals(schema.getType())) {
            return "array of " + type(schema.getItems());
        }
        String type = schema.getType() == null ? "object" : schema.getType();
        return schema.getFormat() == null ? type : type + "/" + schema.getFormat();
    }

    private static String child(String path, String property) {
        return path == null ? property : path + "." + property;
    }

    private static String parameter(String name, String in) {
        return "parameter " + code(name) + " (" + in + ")";
    }

    private static String schemes(SecurityRequirement requirement) {
        return requirement == null ? "" : code(String.join(" + ", requirement.keySet()));
    }

    private static String range(Schema<?> schema) {
        String low = schema.getMinimum() == null ? "(-∞" : (Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? "(" : "[") + schema.getMinimum();
        String high = schema.getMaximum() == null ? "∞)" : schema.getMaximum() + (Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? ")" : "]");
        return low + ", " + high;
    }

    private static String summary(String summary) {
        return summary == null || summary.isBlank() ? "" : " — " + summary.strip();
    }

    private static String value(Object value) {
        return value == null ? "none" : code(Objects.toString(value));
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
