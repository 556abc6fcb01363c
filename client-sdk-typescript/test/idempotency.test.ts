import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApiClient } from "../src/index.js";
import { StubServer } from "./stub-server.js";

const ORDER = {
  id: "01936f0e-8c8a-7b4e-9d6a-3f2b1c0d9e8f", status: "PLACED", lines: [], total: { amountMinor: 0, currency: "EUR" },
  createdAt: "2026-11-25T09:30:00Z", updatedAt: "2026-11-25T09:30:00Z",
};
const UNAUTHORIZED = { type: "about:blank", title: "Unauthorized", status: 401, detail: "A valid access token is required." };

/** The Idempotency-Key the SDK makes up for placing an order, and that it keeps when it sends the call again. */
describe("idempotency keys", () => {
  let stub: StubServer;
  before(async () => (stub = await StubServer.start()));
  after(() => stub.close());

  test("a call retried after a token refresh sends the same key and the same body", async () => {
    let refreshes = 0;
    const api = createApiClient({
      baseUrl: stub.url,
      tokens: { accessToken: ({ forceRefresh }) => (forceRefresh ? `fresh-token-${++refreshes}` : "expired-token") },
    });
    stub.json(401, UNAUTHORIZED, "application/problem+json");
    stub.json(201, ORDER);
    const before = stub.received.length;

    const placed = await api.POST("/orders", { body: { lines: [{ sku: "TEA-GREEN-100", quantity: 2 }] } });
    assert.equal(placed.response.status, 201);
    const [first, retry] = stub.received.slice(before);
    assert.ok(first && retry);
    assert.match(String(first.headers["idempotency-key"]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(retry.headers["idempotency-key"], first.headers["idempotency-key"]);
    assert.equal(first.headers.authorization, "Bearer expired-token");
    assert.equal(retry.headers.authorization, "Bearer fresh-token-1");
    assert.equal(retry.body, first.body);
    assert.deepEqual(JSON.parse(retry.body), { lines: [{ sku: "TEA-GREEN-100", quantity: 2 }] });
    assert.equal(stub.received.length, before + 2);
  });

  test("each call gets a key of its own, from newIdempotencyKey when given", async () => {
    let made = 0;
    const api = createApiClient({ baseUrl: stub.url, newIdempotencyKey: () => `key-${++made}` });
    stub.json(201, ORDER);
    stub.json(201, ORDER);
    const before = stub.received.length;

    await api.POST("/orders", { body: { lines: [{ sku: "TEA-GREEN-100", quantity: 1 }] } });
    await api.POST("/orders", { body: { lines: [{ sku: "TEA-GREEN-100", quantity: 1 }] } });
    assert.deepEqual(stub.received.slice(before).map((request) => request.headers["idempotency-key"]), ["key-1", "key-2"]);
  });

  test("the caller's own key is sent as given, and no key goes with operations that take none", async () => {
    const api = createApiClient({ baseUrl: stub.url, newIdempotencyKey: () => assert.fail("no key should be made up") });
    stub.json(201, ORDER);
    stub.json(201, { id: "t1", title: "Buy milk", done: false, createdAt: ORDER.createdAt, updatedAt: ORDER.updatedAt, version: 1 });
    const before = stub.received.length;

    await api.POST("/orders", { params: { header: { "Idempotency-Key": "the-apps-own-key" } }, body: { lines: [{ sku: "TEA-GREEN-100", quantity: 1 }] } });
    await api.POST("/todos", { body: { title: "Buy milk" } });
    const [order, todo] = stub.received.slice(before);
    assert.equal(order?.headers["idempotency-key"], "the-apps-own-key");
    assert.equal(todo?.headers["idempotency-key"], undefined);
  });
});
