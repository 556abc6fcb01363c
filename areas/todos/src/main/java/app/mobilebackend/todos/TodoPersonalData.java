package app.mobilebackend.todos;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/** A user's to-dos in the GDPR export, and gone on erasure. */
@Singleton
final class TodoPersonalData implements PersonalData {

    private final TodoRepository repository;

    TodoPersonalData(TodoRepository repository) {
        this.repository = repository;
    }

    @Override
    public void export(String userId, DataExport export) {
        export.setTodos(repository.findByOwnerSubOrderById(userId).stream().map(TodoService::toApi).toList());
    }

    @Override
    public void erase(String userId) {
        repository.deleteByOwnerSub(userId);
    }
}
