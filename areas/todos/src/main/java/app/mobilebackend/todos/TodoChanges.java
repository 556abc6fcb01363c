package app.mobilebackend.todos;

import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.sync.ChangeLog;
import app.mobilebackend.sync.ChangedEntities;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** To-dos in the change feed: each changed one as it is now. */
@Singleton
final class TodoChanges implements ChangedEntities {

    private final TodoRepository repository;

    TodoChanges(TodoRepository repository) {
        this.repository = repository;
    }

    @Override
    public String entityType() {
        return ChangeLog.TODO;
    }

    @Override
    public void addTo(SyncChanges page, String ownerSub, List<String> entityIds) {
        Map<String, TodoRow> rows = repository.findByOwnerSubAndIdIn(ownerSub, entityIds).stream()
            .collect(Collectors.toMap(TodoRow::id, Function.identity()));
        for (String id : entityIds) {
            TodoRow row = rows.get(id);
            if (row != null) {
                page.getTodos().add(TodoService.toApi(row));
            }
        }
    }
}
