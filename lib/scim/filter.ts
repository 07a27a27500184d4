import { parse, type Filter } from "scim2-parse-filter";
import { ScimError } from "./errors";

/**
 * Turns a SCIM `filter` (RFC 7644 §3.4.2.2) into the one equality this server searches on.
 * The expression is parsed by scim2-parse-filter; what a directory sends to match a person or a
 * group — `userName eq "…"`, `externalId eq "…"`, `displayName eq "…"`, `id eq "…"`, attribute
 * names in any case, optionally with their schema URN — is answered, anything else is a 400
 * `invalidFilter` naming what is supported (rather than an unfiltered list it did not ask for).
 * @param allowed attribute names (canonical spelling) this resource can be filtered on
 * @returns null for no filter
 */
export function equalityFilter<A extends string>(raw: string | null, allowed: readonly A[], schema: string): { attr: A; value: string } | null {
  if (raw === null || raw.trim() === "") return null;
  let ast: Filter;
  try {
    ast = parse(raw);
  } catch {
    throw new ScimError(400, `The filter "${raw.slice(0, 200)}" is not a valid SCIM filter.`, "invalidFilter");
  }
  const unsupported = new ScimError(400, `Only ${allowed.map((a) => `${a} eq "…"`).join(", ")} filters are supported.`, "invalidFilter");
  if (ast.op !== "eq" || !("attrPath" in ast) || !("compValue" in ast)) throw unsupported;
  const path = ast.attrPath.toLowerCase().startsWith(`${schema.toLowerCase()}:`) ? ast.attrPath.slice(schema.length + 1) : ast.attrPath;
  const attr = allowed.find((a) => a.toLowerCase() === path.toLowerCase());
  if (!attr || typeof ast.compValue !== "string") throw unsupported;
  return { attr, value: ast.compValue };
}
