import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { clientFor, newSub } from "./support.js";

/** GDPR access and erasure through the TypeScript SDK against the dev server. */
describe("my data", () => {
  test("exports the caller's data, then erases it and only it", async () => {
    const alice = clientFor(newSub());
    const bob = clientFor(newSub());
    await alice.POST("/todos", { body: { title: "Alice's plan" } });
    await alice.POST("/orders", { body: { lines: [{ sku: "TEA-GREEN-100", quantity: 1 }] } });
    await bob.POST("/todos", { body: { title: "Bob's plan" } });

    const { data: exported } = await alice.GET("/me/export");
    assert.ok(exported);
    assert.deepEqual(exported.todos.map((todo) => todo.title), ["Alice's plan"]);
    assert.equal(exported.orders.length, 1);
    assert.deepEqual(exported.files, []);

    assert.equal((await alice.DELETE("/me")).response.status, 204);
    assert.equal((await alice.DELETE("/me")).response.status, 204, "erasing again is fine");

    const { data: after } = await alice.GET("/me/export");
    assert.deepEqual(after?.todos, []);
    assert.deepEqual(after?.orders, []);
    assert.deepEqual((await alice.GET("/todos", { params: { query: { limit: 20 } } })).data?.items, []);
    assert.equal((await bob.GET("/todos", { params: { query: { limit: 20 } } })).data?.items.length, 1, "Bob is untouched");
  });
});
