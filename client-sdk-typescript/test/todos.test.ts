import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ifModified, NotModified, pages, type Todo } from "../src/index.js";
import { anonymousClient, clientFor, etag, newSub, problem } from "./support.js";

const DUE = "2026-12-01T18:00:00Z";

/** A to-do's whole life through the TypeScript SDK against the dev server. */
describe("todos", () => {
  test("creates, lists, gets, updates and deletes a to-do", async () => {
    const api = clientFor(newSub());

    const created = await api.POST("/todos", { body: { title: "Buy milk", notes: "Oat, 2 litres", dueAt: DUE } });
    assert.equal(created.response.status, 201);
    const todo = created.data;
    assert.ok(todo);
    assert.ok(todo.id.length > 0);
    assert.equal(todo.title, "Buy milk");
    assert.equal(todo.notes, "Oat, 2 litres");
    assert.equal(todo.done, false);
    assert.equal(Date.parse(todo.dueAt!), Date.parse(DUE));
    assert.equal(todo.version, 1);
    assert.equal(todo.updatedAt, todo.createdAt);
    assert.equal(created.response.headers.get("ETag"), etag(1));
    assert.equal(created.response.headers.get("Location"), `/todos/${todo.id}`);

    const page = await api.GET("/todos");
    assert.deepEqual(page.data?.items, [todo]);
    assert.equal(page.data?.nextCursor, undefined);
    assert.deepEqual((await api.GET("/todos", { params: { query: { limit: 20, done: false } } })).data?.items, [todo]);
    assert.deepEqual((await api.GET("/todos", { params: { query: { limit: 20, done: true } } })).data?.items, []);

    const got = await api.GET("/todos/{todoId}", { params: { path: { todoId: todo.id } } });
    assert.equal(got.response.status, 200);
    assert.deepEqual(got.data, todo);
    assert.equal(got.response.headers.get("ETag"), etag(1));

    const updated = await api.PUT("/todos/{todoId}", {
      params: { path: { todoId: todo.id }, header: { "If-Match": etag(todo.version) } },
      body: { title: "Buy oat milk", done: true, notes: null, dueAt: DUE },
    });
    assert.equal(updated.response.status, 200);
    const current = updated.data;
    assert.ok(current);
    assert.equal(current.id, todo.id);
    assert.equal(current.title, "Buy oat milk");
    assert.equal(current.notes ?? null, null);
    assert.equal(current.done, true);
    assert.equal(current.version, 2);
    assert.equal(current.createdAt, todo.createdAt);
    assert.ok(Date.parse(current.updatedAt) >= Date.parse(todo.updatedAt));
    assert.equal(updated.response.headers.get("ETag"), etag(2));

    const deleted = await api.DELETE("/todos/{todoId}", { params: { path: { todoId: todo.id } } });
    assert.equal(deleted.response.status, 204);

    await assert.rejects(api.GET("/todos/{todoId}", { params: { path: { todoId: todo.id } } }),
      problem(404, "Not Found", `No to-do with id ${todo.id}.`));
    assert.deepEqual((await api.GET("/todos")).data?.items, []);
  });

  test("updates with the current version and rejects a stale one with a Problem", async () => {
    const api = clientFor(newSub());
    const { data: todo } = await api.POST("/todos", { body: { title: "Water the plants" } });
    assert.ok(todo);
    const path = { todoId: todo.id };

    const second = await api.PUT("/todos/{todoId}", { params: { path, header: { "If-Match": etag(1) } }, body: { title: "Water the plants", done: true } });
    const third = await api.PUT("/todos/{todoId}", { params: { path, header: { "If-Match": etag(2) } }, body: { title: "Water the ferns", done: true } });
    assert.equal(second.data?.version, 2);
    assert.equal(third.data?.version, 3);

    await assert.rejects(
      api.PUT("/todos/{todoId}", { params: { path, header: { "If-Match": etag(2) } }, body: { title: "Water nothing", done: false } }),
      problem(412, "Precondition Failed", "The to-do has changed since version 2; the current version is 3."));
    assert.deepEqual((await api.GET("/todos/{todoId}", { params: { path } })).data, third.data);
  });

  test("refuses an update without If-Match", async () => {
    const api = clientFor(newSub());
    const { data: todo } = await api.POST("/todos", { body: { title: "Call the plumber" } });
    assert.ok(todo);

    await assert.rejects(
      api.PUT("/todos/{todoId}", { params: { path: { todoId: todo.id } }, body: { title: "Call the electrician", done: false } }),
      problem(428, "Precondition Required", "This operation requires an If-Match header with the current ETag."));
    assert.deepEqual((await api.GET("/todos/{todoId}", { params: { path: { todoId: todo.id } } })).data, todo);
  });

  test("answers NotModified when the client's copy is current, the to-do when it changed", async () => {
    const api = clientFor(newSub());
    const { data: todo } = await api.POST("/todos", { body: { title: "Read a book" } });
    assert.ok(todo);
    const get = (ifNoneMatch: string) => api.GET("/todos/{todoId}", { params: { path: { todoId: todo.id }, header: { "If-None-Match": ifNoneMatch } } });

    const current = await ifModified(get(etag(1)));
    assert.ok(current instanceof NotModified);
    assert.equal(current.notModified, true);
    assert.equal(current.etag, etag(1));
    assert.equal(current.response.status, 304);

    const changed = await ifModified(get(etag(0)));
    assert.equal(changed.notModified, false);
    assert.ok(!(changed instanceof NotModified));
    assert.deepEqual(changed.data, todo);
    assert.equal(changed.etag, etag(1));
  });

  test("pages through to-dos oldest first, following nextCursor to the last page", async () => {
    const api = clientFor(newSub());
    const titles = ["First", "Second", "Third", "Fourth", "Fifth"];
    const created: Todo[] = [];
    for (const title of titles) {
      const { data } = await api.POST("/todos", { body: { title, done: title === "Second" } });
      assert.ok(data);
      created.push(data);
    }

    const cursors: (string | undefined)[] = [];
    const seen: Todo[][] = [];
    for await (const page of pages((cursor) => {
      cursors.push(cursor);
      return api.GET("/todos", { params: { query: { limit: 2, cursor } } });
    })) {
      seen.push(page.items);
    }
    assert.deepEqual(seen, [created.slice(0, 2), created.slice(2, 4), created.slice(4)]);
    assert.equal(cursors.length, 3);
    assert.equal(cursors[0], undefined);
    assert.ok(cursors[1] && cursors[2] && cursors[1] !== cursors[2]);

    const open: Todo[] = [];
    for await (const page of pages((cursor) => api.GET("/todos", { params: { query: { limit: 1, cursor, done: false } } }))) {
      open.push(...page.items);
    }
    assert.deepEqual(open, created.filter((todo) => !todo.done));
  });

  test("hides one user's to-dos from another", async () => {
    const alice = clientFor(newSub());
    const bob = clientFor(newSub());
    const { data: todo } = await alice.POST("/todos", { body: { title: "Alice's secret" } });
    assert.ok(todo);
    const path = { todoId: todo.id };

    await assert.rejects(bob.GET("/todos/{todoId}", { params: { path } }), problem(404, "Not Found", `No to-do with id ${todo.id}.`));
    assert.deepEqual((await bob.GET("/todos")).data?.items, []);
    await assert.rejects(bob.DELETE("/todos/{todoId}", { params: { path } }), { name: "Problem", status: 404 });
    assert.deepEqual((await alice.GET("/todos/{todoId}", { params: { path } })).data, todo);
  });

  test("rejects a call without a token with a 401 Problem", async () => {
    await assert.rejects(anonymousClient().GET("/todos"), problem(401, "Unauthorized", "A valid access token is required."));
  });
});
