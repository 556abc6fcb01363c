package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.generated.infrastructure.Serializer
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.serializer
import org.junit.jupiter.api.Assertions.assertDoesNotThrow
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.function.ThrowingSupplier
import org.yaml.snakeyaml.Yaml
import java.nio.file.Files
import java.nio.file.Path
import java.time.OffsetDateTime
import java.util.Date

/**
 * An app already shipped must read what a newer server answers: a minor version may add fields to any response, a
 * value to any response enum, and RFC 9457 lets a problem carry extension members. Every response example of the
 * spec, changed so, is read as the SDK reads an answer (the generated models through the Json its Retrofit
 * converter uses).
 */
class ForwardCompatibilityTest {

    private val json = Serializer.kotlinxSerializationJson
    private val spec: Map<String, Any?> = Files.newBufferedReader(Path.of(System.getProperty("api.spec", "../api-spec/openapi.yaml")))
        .use { Yaml().load(it) }

    @TestFactory
    fun readsEveryResponseWithFieldsANewerServerAdds(): List<DynamicTest> {
        val tests = responseExamples().map { example ->
            val newer = withUnknownFields(toJson(example.example), example.schema)
            DynamicTest.dynamicTest(example.name) {
                val serializer = serializerOf(example.model)
                val read = assertDoesNotThrow(ThrowingSupplier { json.decodeFromJsonElement(serializer, newer) }, newer.toString())
                // what the SDK knows is still read: the known fields come back as they were sent
                val again = json.encodeToJsonElement(serializer, read).jsonObject
                val sent = newer.jsonObject
                assertFalse(again.containsKey(NEWER_FIELD), again.toString())
                for ((field, value) in again) {
                    val before = sent[field]
                    if (before is JsonPrimitive && value is JsonPrimitive) {
                        assertEquals(asSent(before), asSent(value), field)
                    }
                }
            }
        }
        assertTrue(tests.size >= 20, "the spec's response examples: ${tests.size}")
        return tests
    }

    /**
     * A minor version may add an enum value to a response (the breaking-change gate calls it compatible): every enum
     * value of every response example, replaced by one this SDK has never heard of, reads as
     * `unknown_default_open_api` (the SDK is generated with `enumUnknownDefaultCase`), not as an error and never as
     * one of the values it knows.
     */
    @TestFactory
    fun readsEveryResponseWithEnumValuesANewerServerAdds(): List<DynamicTest> {
        val tests = responseExamples().mapNotNull { example ->
            val replaced = mutableListOf<String>()
            val newer = withNewEnumValues(toJson(example.example), example.schema, "", replaced)
            if (replaced.isEmpty()) {
                return@mapNotNull null
            }
            DynamicTest.dynamicTest("${example.name} $replaced") {
                val serializer = serializerOf(example.model)
                val read = assertDoesNotThrow(ThrowingSupplier { json.decodeFromJsonElement(serializer, newer) }, newer.toString())
                val again = json.encodeToString(serializer, read)
                assertFalse(again.contains(NEWER_VALUE), again)
                assertEquals(replaced.size, again.split(UNKNOWN_VALUE).size - 1, again)
            }
        }
        assertTrue(tests.size >= 5, "response examples with an enum: ${tests.size}")
        return tests
    }

    /** Replaces each string whose schema is an enum by a value that enum does not have, noting where. */
    private fun withNewEnumValues(element: JsonElement, declared: Map<String, Any?>, at: String, replaced: MutableList<String>): JsonElement {
        val schema = resolve(declared)
        return when (element) {
            is JsonObject -> {
                val properties = map(schema["properties"])
                JsonObject(element.mapValues { (key, value) ->
                    val child = map(properties[key] ?: schema["additionalProperties"])
                    if (value is JsonPrimitive && value.isString && resolve(child).containsKey("enum")) {
                        replaced.add(at + key)
                        JsonPrimitive(NEWER_VALUE)
                    } else {
                        withNewEnumValues(value, child, "$at$key.", replaced)
                    }
                })
            }
            is JsonArray -> JsonArray(element.map { withNewEnumValues(it, map(schema["items"]), "$at[].", replaced) })
            else -> element
        }
    }

    /**
     * Every object of the document that its schema declares properties for gains a member the SDK was generated
     * without (a map, such as a health check's `checks`, only holds more entries of its own kind).
     */
    private fun withUnknownFields(element: JsonElement, declared: Map<String, Any?>): JsonElement {
        val schema = resolve(declared)
        return when (element) {
            is JsonObject -> {
                val properties = map(schema["properties"])
                val known = element.mapValues { (key, value) -> withUnknownFields(value, map(properties[key] ?: schema["additionalProperties"])) }
                JsonObject(if (properties.isEmpty()) known else known + (NEWER_FIELD to JsonObject(mapOf("since" to JsonPrimitive("1.2.0")))))
            }
            is JsonArray -> JsonArray(element.map { withUnknownFields(it, map(schema["items"])) })
            else -> element
        }
    }

    /** A response of the spec that names its model and has an example: what a server of that version answers. */
    private data class ResponseExample(val name: String, val model: String, val schema: Map<String, Any?>, val example: Any?)

    private fun responseExamples(): List<ResponseExample> {
        val examples = mutableListOf<ResponseExample>()
        map(spec["paths"]).forEach { (path, item) ->
            map(item).filterKeys { it != "parameters" }.forEach { (method, operation) ->
                map(map(operation)["responses"]).forEach { (status, declared) ->
                    map(resolve(map(declared))["content"]).forEach { (_, content) ->
                        val media = map(content)
                        val ref = map(media["schema"])["\$ref"]?.toString()
                        if (ref != null && media.containsKey("example")) {
                            val model = ref.substringAfterLast('/')
                            examples.add(ResponseExample("${method.uppercase()} $path $status $model", model, map(media["schema"]), media["example"]))
                        }
                    }
                }
            }
        }
        return examples
    }

    @Suppress("UNCHECKED_CAST")
    private fun serializerOf(model: String): KSerializer<Any?> =
        serializer(Class.forName(MODELS + model)) as KSerializer<Any?>

    /** YAML's own types as JSON's: an unquoted timestamp is the RFC 3339 text the server sends. */
    private fun toJson(yaml: Any?): JsonElement = when (yaml) {
        null -> JsonNull
        is Map<*, *> -> JsonObject(yaml.entries.associate { (key, value) -> key.toString() to toJson(value) })
        is List<*> -> JsonArray(yaml.map { toJson(it) })
        is String -> JsonPrimitive(yaml)
        is Number -> JsonPrimitive(yaml)
        is Boolean -> JsonPrimitive(yaml)
        is Date -> JsonPrimitive(yaml.toInstant().toString())
        else -> throw IllegalArgumentException("not JSON: $yaml")
    }

    /** A time is compared as the instant it names: java.time writes `18:00:00Z` back as `18:00Z`. */
    private fun asSent(value: JsonPrimitive): Any =
        if (value.isString && TIME.matches(value.content)) OffsetDateTime.parse(value.content).toInstant() else value

    private fun resolve(node: Map<String, Any?>): Map<String, Any?> {
        val ref = node["\$ref"]?.toString() ?: return node
        return ref.removePrefix("#/").split("/").fold(spec) { target, part -> map(target[part]) }
    }

    @Suppress("UNCHECKED_CAST")
    private fun map(value: Any?): Map<String, Any?> = value as? Map<String, Any?> ?: emptyMap()

    private companion object {
        const val MODELS = "app.mobilebackend.sdk.kotlin.model."
        const val NEWER_FIELD = "fieldOfANewerServer"

        /** An enum value the SDK was generated without, and what it reads it as (enumUnknownDefaultCase). */
        const val NEWER_VALUE = "VALUE_OF_A_NEWER_SERVER"
        const val UNKNOWN_VALUE = "unknown_default_open_api"
        val TIME = Regex("""\d{4}-\d\d-\d\dT\d\d:\d\d.*""")
    }
}
