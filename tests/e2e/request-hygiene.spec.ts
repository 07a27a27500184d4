import { expect, test } from "@playwright/test";

/**
 * What every request goes through before our code runs, and the rules every state-changing
 * route keeps: no 500 for a malformed URL, no forged client address in the evidence, no
 * cross-origin or simple-request write, no GET that writes, no session answer for a dead session.
 */

test("malformed percent-encoding in the path answers 400 or 404, never 500", async ({ request }) => {
  for (const path of ["/%c0", "/verify/%c0", "/api/certificates/%c0.pdf", "/courses/%E0%A4%A/x", "/api/content/%ff/assets/a.png"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([400, 404], `${path} answered ${res.status()}`).toContain(res.status());
  }
});
