import path from "node:path";
import { test as base, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { apiSignIn, e2eDb, signIn } from "../../e2e/support/helpers";
import type { SqlValue } from "@/db/engine/types";
import { ROLE_ACCOUNTS, statesOf, type Ctx, type Role } from "../pages";
import { capture } from "./capture";

/**
 * One test per state of `role` (pages.ts), in order. The role signs in once per worker; each
 * test opens a fresh context with that session, so a state that fails does not leave the next
 * one on a half-filled form, and a failing state never stops the others.
 */
export function screenshotsOf(role: Role): void {
  const test = base.extend<{ ctx: Ctx }, { session: string | undefined }>({
    session: [
      async ({ browser }, provide, workerInfo) => {
        if (role === "anonymous") return provide(undefined);
        const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
        const page = await context.newPage();
        await signIn(page, ROLE_ACCOUNTS[role]);
        const file = path.join(path.dirname(workerInfo.project.metadata.database as string), `session-${role}-${workerInfo.workerIndex}.json`);
        await context.storageState({ path: file });
        await context.close();
        await provide(file);
      },
      { scope: "worker" },
    ],
    storageState: async ({ session }, provide) => provide(session),
    ctx: async ({ page, browser, playwright, baseURL }, provide) => {
      const contexts: BrowserContext[] = [];
      let admin: APIRequestContext | undefined;
      await provide({
        page,
        newPage: async () => {
          // Explicitly empty: inside a test, browser.newContext() would inherit the role's session.
          const context = await browser.newContext({ baseURL, locale: "it-IT", storageState: { cookies: [], origins: [] } });
          contexts.push(context);
          return context.newPage();
        },
        admin: async () => {
          if (!admin) {
            admin = await playwright.request.newContext({ baseURL });
            await apiSignIn(admin, ROLE_ACCOUNTS.admin);
          }
          return admin;
        },
        one: async <T>(sql: string, params: SqlValue[] = []) => {
          const row = await (await e2eDb()).get<T>(sql, params);
          if (!row) throw new Error(`nothing in the database for: ${sql}`);
          return row;
        },
      });
      await admin?.dispose();
      for (const c of contexts) await c.close();
    },
  });

  for (const state of statesOf(role)) {
    test(`${role} › ${state.page} · ${state.name}`, async ({ ctx, page, baseURL }) => {
      if (state.locale) await page.context().addCookies([{ name: "NEXT_LOCALE", value: state.locale, url: baseURL! }]);
      const shown = (await state.go(ctx)) ?? page;
      await capture(shown, { role, page: state.page, state: state.name, beforeAxe: state.beforeAxe });
    });
  }
}
