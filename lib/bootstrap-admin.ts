import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { countUsers, createUserIfMissing } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword } from "@/lib/auth/password-policy";
import { passwordMessage } from "@/lib/auth/password-messages";

const AdminEnv = z
  .object({
    ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an e-mail address"),
    ADMIN_PASSWORD: z.string(),
  })
  .superRefine((v, ctx) => {
    // The password rule (lib/auth/password-policy.ts): ≥ 12 characters, not a common password, not the e-mail.
    const check = checkPassword(v.ADMIN_PASSWORD, { email: v.ADMIN_EMAIL });
    if (!check.ok) for (const key of check.issues) ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: passwordMessage(key, "en") });
  });

export type BootstrapResult = { status: "existing" } | { status: "created"; email: string } | { status: "missing"; message: string };

/**
 * On an empty database, creates the first admin (a provider admin) from ADMIN_EMAIL / ADMIN_PASSWORD.
 * Without them the caller must refuse to start: a site nobody can sign in to is useless.
 */
export async function bootstrapAdmin(d: Engine, environment: Record<string, string | undefined>): Promise<BootstrapResult> {
  if (await countUsers(d) > 0) return { status: "existing" };
  const parsed = AdminEnv.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    return {
      status: "missing",
      message:
        "The database has no users yet, so Binomio needs its first administrator.\n" +
        "Set ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters, not a common password, not containing the e-mail) and start again, e.g.\n" +
        "  ADMIN_EMAIL=hr@yourcompany.it ADMIN_PASSWORD='a long passphrase' npm start\n" +
        `Problems found:\n${problems}\n` +
        "(For a demo with sample data, run `npm run demo` instead.)",
    };
  }
  const { user } = await createUserIfMissing(d, {
    email: parsed.data.ADMIN_EMAIL,
    firstName: "Amministratore",
    lastName: "Binomio",
    passwordHash: await hashPassword(parsed.data.ADMIN_PASSWORD),
    // The installation's administrator: every company, and the first one is created from the
    // overview (/admin/companies), where the new admin lands.
    roles: ["provider_admin"],
  });
  return { status: "created", email: user.email };
}
