import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { clientFor, etag, newSub, problem } from "./support.js";

/** Preferences kept in step between two devices of one user, each with its own SDK client. */
describe("preferences", () => {
  test("start empty at version 0", async () => {
    const device = clientFor(newSub());

    const { data, response } = await device.GET("/me/preferences");
    assert.equal(response.status, 200);
    assert.deepEqual(data?.values, {});
    assert.equal(data?.version, 0);
    assert.equal(data?.updatedAt ?? null, null);
    assert.equal(response.headers.get("ETag"), etag(0));
  });

  test("sync between two devices, and the stale device's save is rejected until it reads again", async () => {
    const sub = newSub();
    const deviceA = clientFor(sub);
    const deviceB = clientFor(sub);
    const save = (device: typeof deviceA, values: Record<string, unknown>, version: number) =>
      device.PUT("/me/preferences", { params: { header: { "If-Match": etag(version) } }, body: { values } });

    const fromA = { theme: "dark", fontSize: 14, notifications: true };
    const savedByA = await save(deviceA, fromA, (await deviceA.GET("/me/preferences")).data!.version);
    assert.equal(savedByA.response.status, 200);
    assert.deepEqual(savedByA.data?.values, fromA);
    assert.equal(savedByA.data?.version, 1);
    assert.ok(savedByA.data?.updatedAt);
    assert.equal(savedByA.response.headers.get("ETag"), etag(1));

    const seenByB = (await deviceB.GET("/me/preferences")).data;
    assert.deepEqual(seenByB, savedByA.data);

    const fromB = { theme: "light", fontSize: 16, notifications: false, language: "fr" };
    const savedByB = await save(deviceB, fromB, seenByB!.version);
    assert.deepEqual(savedByB.data?.values, fromB);
    assert.equal(savedByB.data?.version, 2);

    await assert.rejects(save(deviceA, { theme: "solarized" }, 1),
      problem(412, "Precondition Failed", "The preferences have changed since version 1; the current version is 2."));

    const reread = (await deviceA.GET("/me/preferences")).data;
    assert.deepEqual(reread, savedByB.data);
    const resaved = await save(deviceA, { theme: "solarized" }, reread!.version);
    assert.deepEqual(resaved.data?.values, { theme: "solarized" });
    assert.equal(resaved.data?.version, 3);
    assert.deepEqual((await deviceB.GET("/me/preferences")).data, resaved.data);
  });

  test("let only one of two first saves win", async () => {
    const sub = newSub();
    const deviceA = clientFor(sub);
    const deviceB = clientFor(sub);

    const savedByA = await deviceA.PUT("/me/preferences", { params: { header: { "If-Match": etag(0) } }, body: { values: { theme: "dark" } } });
    assert.equal(savedByA.data?.version, 1);

    await assert.rejects(deviceB.PUT("/me/preferences", { params: { header: { "If-Match": etag(0) } }, body: { values: { theme: "light" } } }),
      problem(412, "Precondition Failed", "The preferences have changed since version 0; the current version is 1."));
    assert.deepEqual((await deviceB.GET("/me/preferences")).data, savedByA.data);
  });

  test("refuse a save without If-Match", async () => {
    const device = clientFor(newSub());

    await assert.rejects(device.PUT("/me/preferences", { body: { values: { theme: "dark" } } }),
      problem(428, "Precondition Required", "This operation requires an If-Match header with the current ETag."));
    assert.equal((await device.GET("/me/preferences")).data?.version, 0);
  });
});
