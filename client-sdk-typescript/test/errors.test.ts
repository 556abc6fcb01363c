import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApiClient, HttpError, Problem } from "../src/index.js";
import { StubServer } from "./stub-server.js";

/** Which failures are Problems: only answers whose Content-Type says application/problem+json. */
describe("errors", () => {
  let stub: StubServer;
  before(async () => (stub = await StubServer.start()));
  after(() => stub.close());
  const api = () => createApiClient({ baseUrl: stub.url, tokens: { accessToken: () => "a-token" } });

  test("a problem+json answer is a Problem with its members, extension members kept", async () => {
    stub.json(400, {
      type: "https://api.example.com/problems/invalid", title: "Bad Request", status: 400, detail: "The request is invalid.",
      instance: "/todos", errors: [{ field: "title", message: "must be at least 1 character long" }], traceId: "abc-123",
    }, "application/problem+json; charset=utf-8");

    const error = await api().POST("/todos", { body: { title: "" } }).then(() => undefined, (failure: unknown) => failure);
    assert.ok(error instanceof Problem, String(error));
    assert.ok(error instanceof HttpError);
    assert.equal(error.name, "Problem");
    assert.equal(error.type, "https://api.example.com/problems/invalid");
    assert.equal(error.title, "Bad Request");
    assert.equal(error.status, 400);
    assert.equal(error.detail, "The request is invalid.");
    assert.equal(error.instance, "/todos");
    assert.deepEqual(error.errors, [{ field: "title", message: "must be at least 1 character long" }]);
    assert.deepEqual(error.extensions, { traceId: "abc-123" });
    assert.equal(error.message, "400 Bad Request: The request is invalid.");
  });

  test("a gateway's HTML 502 is a plain HttpError with the page as its body", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    stub.answer({ status: 502, contentType: "text/html", body: page });

    const error = await api().GET("/todos").then(() => undefined, (failure: unknown) => failure);
    assert.ok(error instanceof HttpError, String(error));
    assert.ok(!(error instanceof Problem));
    assert.equal(error.status, 502);
    assert.equal(error.body, page);
    assert.match(error.message, /^HTTP 502 Bad Gateway from http:\/\/127\.0\.0\.1:\d+\/todos$/);
  });

  test("a JSON error that does not say problem+json is an HttpError, even when it looks like a problem", async () => {
    stub.json(500, { type: "about:blank", title: "Internal Server Error", status: 500 });

    await assert.rejects(api().GET("/todos"), (error: unknown) =>
      error instanceof HttpError && !(error instanceof Problem) && error.status === 500);
  });

  test("a problem+json answer whose body is not a JSON object is an HttpError", async () => {
    stub.answer({ status: 503, contentType: "application/problem+json", body: "Service Unavailable" });

    await assert.rejects(api().GET("/todos"), (error: unknown) =>
      error instanceof HttpError && !(error instanceof Problem) && error.status === 503 && error.body === "Service Unavailable");
  });
});
