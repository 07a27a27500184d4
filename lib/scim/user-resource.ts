import { z } from "zod";
import type { ScimUserRow } from "@/db/queries/scim";
import { validateFiscalCode } from "@/lib/validation/fiscal-code";
import { ScimError } from "./errors";
import { BINOMIO_SCHEMA, ENTERPRISE_SCHEMA, USER_SCHEMA } from "./schemas";

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * A person as a SCIM User. `userName` is the e-mail they sign in with (Binomio has one address per
 * person, so `emails` holds that one as the work address); the department travels in the
 * enterprise extension and as the person's one group.
 */
export function toScimUser(u: ScimUserRow, base: string, group: { id: number } | undefined) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, ...(u.fiscalCode ? [BINOMIO_SCHEMA] : [])],
    id: String(u.id),
    ...(u.externalId !== null ? { externalId: u.externalId } : {}),
    userName: u.email,
    name: { givenName: u.firstName, familyName: u.lastName, formatted: `${u.firstName} ${u.lastName}`.trim() },
    displayName: `${u.firstName} ${u.lastName}`.trim(),
    emails: [{ value: u.email, type: "work", primary: true }],
    active: u.active === 1,
    groups: group && u.department !== null ? [{ value: String(group.id), display: u.department, $ref: `${base}/Groups/${group.id}` }] : [],
    [ENTERPRISE_SCHEMA]: u.department !== null ? { department: u.department } : {},
    ...(u.fiscalCode ? { [BINOMIO_SCHEMA]: { codiceFiscale: u.fiscalCode } } : {}),
    meta: { resourceType: "User", created: iso(u.createdAt), lastModified: iso(u.updatedAt), location: `${base}/Users/${u.id}` },
  };
}

/** Entra ID sends booleans as the strings "True"/"False" unless the app opted out (aadOptscim062020). */
const ScimBoolean = z.union([z.boolean(), z.string().regex(/^(true|false)$/i).transform((s) => s.toLowerCase() === "true")]);
const Text = (max: number) => z.string().trim().max(max, { error: `at most ${max} characters` });
const Optional = <T extends z.ZodType>(t: T) => z.union([t, z.null()]).optional();

/** A User as a directory sends it (POST, PUT, or the result of a PATCH); unknown attributes are ignored (RFC 7644 §3.3). */
const UserInput = z.object({
  userName: z.string({ error: "userName is required" }).trim().toLowerCase().pipe(z.email({ error: "userName must be the person's e-mail address" }).max(254)),
  externalId: Optional(Text(200)),
  active: Optional(ScimBoolean),
  displayName: Optional(Text(200)),
  name: Optional(
    z.object({
      givenName: Optional(Text(100)),
      familyName: Optional(Text(100)),
    }),
  ),
  [ENTERPRISE_SCHEMA]: Optional(z.object({ department: Optional(Text(100)) })),
  [BINOMIO_SCHEMA]: Optional(z.object({ codiceFiscale: Optional(z.string().max(32)) })),
});

/** What a User resource sets on a person. `department`/`fiscalCode` undefined: the resource did not say (left as they are). */
export type UserFields = {
  email: string;
  firstName: string;
  lastName: string;
  externalId: string | null;
  /** Undefined: the resource did not say (a new person is active; an existing one stays as they are). */
  active: boolean | undefined;
  department: string | null | undefined;
  fiscalCode: string | undefined;
};

/**
 * Validates a User resource and maps it to a person's fields. The name comes from `name`, else
 * from `displayName` (first word / the rest), else the e-mail's local part as the surname.
 * @throws ScimError 400 `invalidValue` naming the attribute
 */
export function parseUserResource(body: unknown): UserFields {
  const r = UserInput.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ScimError(400, `${issue.path.join(".") || "body"}: ${issue.message}`, "invalidValue");
  }
  const v = r.data;
  const words = (v.displayName ?? "").split(/\s+/).filter(Boolean);
  const firstName = v.name?.givenName || words[0] || "";
  const lastName = v.name?.familyName || words.slice(1).join(" ") || (firstName ? "" : v.userName.split("@")[0]!);
  const ext = v[ENTERPRISE_SCHEMA];
  const department = ext === undefined || ext === null ? undefined : ext.department || null;
  let fiscalCode: string | undefined;
  const cf = v[BINOMIO_SCHEMA]?.codiceFiscale;
  if (cf) {
    const checked = validateFiscalCode(cf);
    if (!checked.ok) throw new ScimError(400, `${BINOMIO_SCHEMA}:codiceFiscale is not a valid codice fiscale (${checked.reason}).`, "invalidValue");
    fiscalCode = checked.value;
  }
  return { email: v.userName, firstName, lastName, externalId: v.externalId || null, active: v.active ?? undefined, department, fiscalCode };
}
