import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { CLIENT_NAME, createApiClient, SDK_VERSION } from "../src/index.js";
import { StubServer } from "./stub-server.js";

test("requests name the SDK and its version (package.json's, the spec's) in X-Client and, outside browsers, User-Agent", async () => {
  const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  const stub = await StubServer.start();
  try {
    stub.json(200, { status: "UP", checks: {} });
    await createApiClient({ baseUrl: stub.url }).GET("/health");
  } finally {
    await stub.close();
  }
  assert.equal(SDK_VERSION, version);
  assert.equal(CLIENT_NAME, `mobile-backend-sdk-typescript/${version}`);
  assert.equal(stub.received[0]?.headers["x-client"], `mobile-backend-sdk-typescript/${version}`);
  assert.equal(stub.received[0]?.headers["user-agent"], `mobile-backend-sdk-typescript/${version}`);
});
