/**
 * `npm run inspector:create -- --plan <planId> --email <e-mail> --days <n>`: gives a fund's
 * auditor read-only access to one funding plan until n days from now (lib/inspector/grants.ts),
 * creating the account in the plan's company or re-granting an existing inspector, and prints
 * the one-time link with which the auditor chooses a password. Audited like the admin form.
 * Exit 2 for bad arguments, 1 when the plan does not exist or the e-mail cannot be used. The
 * database is PostgreSQL at DATABASE_URL, else the SQLite file DATABASE_PATH.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { grantInspector, InspectorGrantInput } from "@/lib/inspector/grants";

const USAGE = "usage: npm run inspector:create -- --plan <planId> --email <e-mail> --days <n>";

const PLAN_ID = "must be a plan id (a positive whole number)";
/** In the order of the usage line, so the messages read in that order too. */
const Args = z.object({
  plan: z.coerce.number({ error: PLAN_ID }).int({ error: PLAN_ID }).positive({ error: PLAN_ID }),
  ...InspectorGrantInput.shape,
});

const REFUSALS = {
  plan_not_found: (a: { plan: number }) => `No funding plan with id ${a.plan}.`,
  other_roles: (a: { email: string }) => `${a.email} belongs to an account with other roles: use a dedicated address for an inspector.`,
  inactive: (a: { email: string }) => `${a.email} belongs to a deactivated account.`,
};

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { plan: { type: "string" }, email: { type: "string" }, days: { type: "string" } }, strict: true }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = Args.safeParse({ plan: values.plan ?? "", email: values.email ?? "", days: values.days ?? "" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const a = parsed.data;
  const d = await openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH });
  try {
    const r = await grantInspector(d, { planId: a.plan, email: a.email, days: a.days, actorUserId: null });
    if (!r.ok) {
      console.error(REFUSALS[r.error](a));
      return 1;
    }
    console.log(`${r.created ? "Created" : "Re-granted"} inspector ${a.email} for plan ${r.planId} (company ${r.companyId}), read-only until ${r.expiresAt.toISOString()}.`);
    console.log(`One-time sign-in link (the inspector chooses a password with it; valid until ${r.linkExpiresAt.toISOString()}, single use):`);
    console.log(r.link);
    return 0;
  } finally {
    await d.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`inspector:create failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
