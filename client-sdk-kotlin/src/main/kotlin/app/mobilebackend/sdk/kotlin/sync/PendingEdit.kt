package app.mobilebackend.sdk.kotlin.sync

import kotlinx.serialization.json.JsonElement
import java.time.OffsetDateTime
import java.util.UUID

/**
 * An edit made on the device and not yet sent: the outbox of a [SyncStore] holds them in the order they were made.
 * An app's store keeps each as its fields (plain values) and gives it back as it was.
 */
sealed class PendingEdit {
    /** Identifies the edit in a store. */
    abstract val editId: String

    /** When the edit was made on the device. */
    abstract val madeAt: OffsetDateTime

    /** A new to-do, under an id made on the device (so that a create sent twice makes one to-do). */
    data class CreateTodo(
        override val editId: String,
        override val madeAt: OffsetDateTime,
        val todoId: String,
        val title: String,
        val notes: String?,
        val done: Boolean,
        val dueAt: OffsetDateTime?,
    ) : PendingEdit()

    /** A to-do's new fields, over the version the device saw ([baseVersion], sent as `If-Match`). */
    data class UpdateTodo(
        override val editId: String,
        override val madeAt: OffsetDateTime,
        val todoId: String,
        val baseVersion: Long,
        val title: String,
        val notes: String?,
        val done: Boolean,
        val dueAt: OffsetDateTime?,
    ) : PendingEdit()

    /** A to-do deleted, if still at the version the device saw. */
    data class DeleteTodo(
        override val editId: String,
        override val madeAt: OffsetDateTime,
        val todoId: String,
        val baseVersion: Long,
    ) : PendingEdit()

    /** The whole preferences document, made over [baseValues] at [baseVersion] (what a merge compares it with). */
    data class PutPreferences(
        override val editId: String,
        override val madeAt: OffsetDateTime,
        val baseVersion: Long,
        val baseValues: Map<String, JsonElement>,
        val values: Map<String, JsonElement>,
    ) : PendingEdit()

    /** The to-do it edits; null for preferences. */
    val todoIdOrNull: String?
        get() = when (this) {
            is CreateTodo -> todoId
            is UpdateTodo -> todoId
            is DeleteTodo -> todoId
            is PutPreferences -> null
        }

    /**
     * This edit, made while an earlier one of the same thing was on its way, over the version that one made: a
     * create becomes an update, and a preferences edit is compared with [savedValues] when merged.
     */
    internal fun rebasedOn(version: Long, savedValues: Map<String, JsonElement>?): PendingEdit = when (this) {
        is CreateTodo -> UpdateTodo(editId, madeAt, todoId, version, title, notes, done, dueAt)
        is UpdateTodo -> copy(baseVersion = version)
        is DeleteTodo -> copy(baseVersion = version)
        is PutPreferences -> copy(baseVersion = version, baseValues = savedValues ?: baseValues)
    }

    internal companion object {
        fun newId(): String = UUID.randomUUID().toString()
    }
}
