import { expect, test } from "@playwright/test";
import { allowFor } from "../support/budget";
import { serverActionId } from "../support/action-id";
import { sendBody } from "../support/send-body";
import { apiSignIn, createLearner } from "./support/helpers";

/**
 * Every route the server answers — ours, Auth.js's `/api/auth/*` and server actions — refuses
 * a body over its limit with 413 before reading it, whether the client declares the length or
 * streams it chunked. (The crash suite sends 100 MB and checks the server's memory:
 * tests/crash/body-limit.test.ts.)
 */

const TWO_MB = 2 * 1024 * 1024;

test("Auth.js's routes refuse a 2 MB body with 413, declared or chunked", async ({ baseURL }) => {
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signout"]) {
    for (const chunked of [false, true]) {
      const r = await sendBody(new URL(path, baseURL).href, TWO_MB, { chunked });
      expect(r.status, `${path} ${chunked ? "chunked" : "with Content-Length"}`).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ error: "payload_too_large" });
    }
  }
});

test("a server action refuses a 2 MB body with 413, not 500", async ({ request, baseURL }) => {
  const page = await (await request.get("/sign-in")).text();
  // The sign-in form is a server action.
  const id = serverActionId(page);
  expect(id, "a server action id on the sign-in page").toBeTruthy();
  for (const chunked of [false, true]) {
    const r = await sendBody(new URL("/sign-in", baseURL).href, TWO_MB, { chunked, headers: { "next-action": id!, "content-type": "text/plain;charset=UTF-8" } });
    expect(r.status, chunked ? "chunked" : "with Content-Length").toBe(413);
  }
});

test("a signed-in call over the app-wide limit is refused with 413 even chunked; routes keep their own smaller limits", async ({ request, baseURL }) => {
  await createLearner("limits.json@example.com", "Lina", "Limite");
  await apiSignIn(request, "limits.json@example.com");
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  // 200 KB is over the app-wide limit (128 KiB): cut off before the route reads it.
  const big = await sendBody(new URL("/api/heartbeat", baseURL).href, 200 * 1024, { chunked: true, headers: { "content-type": "application/json", cookie } });
  expect(big.status).toBe(413);
  // 5 KB passes the front door but not the heartbeat's own 1 KiB.
  expect((await request.post("/api/heartbeat", { data: { courseSlug: "a".repeat(5000), lessonSlug: "b" } })).status()).toBe(413);
  const open = await request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "open" } });
  expect(open.status()).toBe(200);
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("the employee import: 20 MB chunked is cut off at 413; a 10 MB file of five million cells is refused as too wide", async ({ request, baseURL }) => {
  // 30 MB sent through the loopback while other workers run: seen at 30 s on a loaded 2-core machine.
  allowFor(60_000);
  await apiSignIn(request, "admin@example.com");
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const chunked = await sendBody(new URL("/api/admin/people/import", baseURL).href, 20 * 1024 * 1024, {
    chunked: true,
    headers: { "content-type": "multipart/form-data; boundary=x", cookie },
  });
  expect(chunked.status).toBe(413);
  const header = "cognome;nome;email;codice_fiscale" + ";x".repeat(5_000_000);
  const res = await request.post("/api/admin/people/import", {
    headers: { accept: "application/json" },
    multipart: { file: { name: "dipendenti.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\nRossi;Mario;m@acme.it;RSSMRA85T10A562S\n`) } },
  });
  expect(res.status()).toBe(422);
  expect(await res.json()).toMatchObject({ error: "invalid_file", problem: { code: "too-wide", line: 1 } });
  expect((await request.get("/api/health")).status()).toBe(200);
});
