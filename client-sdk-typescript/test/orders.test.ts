import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Problem, type OrderCreate } from "../src/index.js";
import { clientFor, newSub } from "./support.js";

/** Placing an order exactly once per idempotency key, through the TypeScript SDK against the dev server. */
describe("orders", () => {
  const request: OrderCreate = { lines: [{ sku: "TEA-GREEN-100", quantity: 2 }, { sku: "KETTLE-GOOSENECK", quantity: 1 }] };

  test("places an order, replays it for the same key, lists and gets it", async () => {
    const api = clientFor(newSub());
    const key = randomUUID();

    const placed = await api.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: request });
    assert.equal(placed.response.status, 201);
    const order = placed.data;
    assert.ok(order);
    assert.equal(order.status, "PLACED");
    assert.deepEqual(order.total, { amountMinor: 5890, currency: "EUR" });
    assert.equal(order.lines[1]?.name, "Gooseneck kettle, 0.8 l");
    assert.equal(placed.response.headers.get("Location"), `/orders/${order.id}`);
    assert.equal(placed.response.headers.get("Idempotent-Replayed"), null);

    // the app lost the answer and retries with the same key
    const replayed = await api.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: request });
    assert.equal(replayed.response.status, 201);
    assert.equal(replayed.response.headers.get("Idempotent-Replayed"), "true");
    assert.deepEqual(replayed.data, order);

    const page = await api.GET("/orders", { params: { query: { limit: 20 } } });
    assert.deepEqual(page.data?.items, [order]);
    assert.equal(page.data?.nextCursor, undefined);
    assert.deepEqual((await api.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } })).data, order);
  });

  test("makes up a key of its own for each call that gives none: two calls, two orders", async () => {
    const api = clientFor(newSub());

    const first = await api.POST("/orders", { body: request });
    const second = await api.POST("/orders", { body: request });
    assert.equal(first.response.status, 201);
    assert.equal(second.response.status, 201);
    assert.equal(second.response.headers.get("Idempotent-Replayed"), null);
    assert.notEqual(first.data?.id, second.data?.id);
    assert.deepEqual((await api.GET("/orders")).data?.items.map((order) => order.id), [first.data?.id, second.data?.id]);
  });

  test("answers a Problem: 409 for a key reused with another body, 422 naming the unknown sku's line", async () => {
    const api = clientFor(newSub());
    const key = randomUUID();
    await api.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: { lines: [{ sku: "TEA-BLACK-100", quantity: 1 }] } });

    await assert.rejects(
      api.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: { lines: [{ sku: "TEA-BLACK-100", quantity: 5 }] } }),
      (error: unknown) => {
        assert.ok(error instanceof Problem);
        assert.equal(error.status, 409);
        assert.equal(error.detail, `Idempotency-Key ${key} was used for another request.`);
        return true;
      });

    await assert.rejects(
      api.POST("/orders", { body: { lines: [{ sku: "TEA-BLACK-100", quantity: 1 }, { sku: "TEA-BLACK-999", quantity: 1 }] } }),
      (error: unknown) => {
        assert.ok(error instanceof Problem);
        assert.equal(error.status, 422);
        assert.deepEqual(error.errors, [{ field: "lines[1].sku", message: "no product with sku TEA-BLACK-999" }]);
        return true;
      });
    assert.equal((await api.GET("/orders")).data?.items.length, 1);
  });
});
