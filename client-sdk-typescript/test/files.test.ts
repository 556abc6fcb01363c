import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FileUpload } from "../src/index.js";
import { clientFor, newSub, problem } from "./support.js";

/** A file's whole life; the bytes go with fetch straight to the (stand-in) S3 through the presigned URLs. */
describe("files", () => {
  test("creates, uploads, lists, downloads and deletes a file", async () => {
    const api = clientFor(newSub());
    const bytes = new TextEncoder().encode("\u0089PNG not really, but bytes all the same");

    const { data: upload } = await api.POST("/files", { body: { name: "cat photo.png", contentType: "image/png", size: bytes.length } });
    assert.ok(upload);
    assert.equal(upload.uploadMethod, "PUT");
    const put = await uploadBytes(upload, bytes, upload.uploadHeaders["Content-Type"]!);
    assert.equal(put.status, 200, await put.text());

    assert.deepEqual((await api.GET("/files")).data?.items, [upload.file]);

    const { data: download } = await api.GET("/files/{fileId}", { params: { path: { fileId: upload.file.id } } });
    assert.ok(download);
    assert.deepEqual(download.file, upload.file);
    const got = await fetch(download.downloadUrl);
    assert.equal(got.status, 200);
    assert.deepEqual(new Uint8Array(await got.arrayBuffer()), bytes);
    assert.equal(got.headers.get("Content-Disposition"), "attachment; filename=\"cat photo.png\"; filename*=UTF-8''cat%20photo.png");

    await api.DELETE("/files/{fileId}", { params: { path: { fileId: upload.file.id } } });
    await assert.rejects(api.GET("/files/{fileId}", { params: { path: { fileId: upload.file.id } } }),
      problem(404, "Not Found", `No file with id ${upload.file.id}.`));
    assert.deepEqual((await api.GET("/files")).data?.items, []);
  });

  test("an upload with another content type than the one signed is refused", async () => {
    const api = clientFor(newSub());
    const bytes = new TextEncoder().encode("<script>alert(1)</script>");
    const { data: upload } = await api.POST("/files", { body: { name: "photo.png", contentType: "image/png", size: bytes.length } });
    assert.ok(upload);

    const put = await uploadBytes(upload, bytes, "text/html");
    assert.equal(put.status, 403);
  });
});

/** The PUT an app sends: the bytes with the signed headers (fetch sets Content-Length from the body). */
function uploadBytes(upload: FileUpload, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<Response> {
  const headers = new Headers(upload.uploadHeaders);
  headers.delete("Content-Length");
  headers.set("Content-Type", contentType);
  return fetch(upload.uploadUrl, { method: upload.uploadMethod, headers, body: bytes });
}
