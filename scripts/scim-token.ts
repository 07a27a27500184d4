/**
 * `npm run scim:token -- --company <companyId>`: creates a new SCIM token for the company and
 * prints it once (stdout, one line: scripts can capture it). The company's previous token stops
 * working at once. Audited as `scim.token-create` (via "command"). Exit codes: 0 printed;
 * 1 no such company; 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { createScimToken } from "@/lib/scim/token";

const USAGE = "usage: npm run scim:token -- --company <companyId>";

const Args = z.object({
  company: z
    .string({ error: "is required: the id of the company (companies.id)" })
    .regex(/^\d{1,9}$/, { error: "must be a company id, a positive whole number" })
    .transform(Number)
    .refine((n) => n > 0, { error: "must be a company id, a positive whole number" }),
});

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { company: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const d = await openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH });
  try {
    const created = await createScimToken(d, parsed.data.company, { userId: null, via: "command" });
    if (!created) {
      console.error(`No company with id ${parsed.data.company}.`);
      return 1;
    }
    console.error(
      created.replaced
        ? `New SCIM token for company ${parsed.data.company}; the previous one no longer works. It is shown only now:`
        : `SCIM token for company ${parsed.data.company}. It is shown only now:`,
    );
    console.log(created.token);
    return 0;
  } finally {
    await d.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`scim:token failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
