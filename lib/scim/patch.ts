import { ScimError as PatchLibraryError } from "scim-patch";
import { z } from "zod";
import { ScimError } from "./errors";
import { PATCH_SCHEMA } from "./schemas";

/** A PatchOp request (RFC 7644 §3.5.2); `op` in any case, as Entra ID sends "Replace" and "Add". */
const PatchBody = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(PATCH_SCHEMA), { error: `schemas must include ${PATCH_SCHEMA}` }),
  Operations: z
    .array(
      z.object({
        op: z
          .string()
          .transform((s) => s.toLowerCase())
          .pipe(z.enum(["add", "replace", "remove"], { error: "op must be add, replace or remove" })),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, { error: "Operations must not be empty" })
    .max(1000, { error: "at most 1000 operations" }),
});

export type PatchOperation = z.infer<typeof PatchBody>["Operations"][number];

/** @throws ScimError 400 `invalidSyntax` for a body that is not a PatchOp, `noTarget` for a remove without a path */
export function parsePatchOperations(body: unknown): PatchOperation[] {
  const r = PatchBody.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ScimError(400, `${issue.path.join(".") || "body"}: ${issue.message}`, "invalidSyntax");
  }
  for (const op of r.data.Operations) if (op.op === "remove" && !op.path) throw new ScimError(400, "A remove operation needs a path.", "noTarget");
  return r.data.Operations;
}

/** scim-patch's refusals as RFC 7644 errors (its `scimCode` is the `scimType`, e.g. invalidPath, noTarget). */
export function patchError(e: unknown): ScimError {
  if (e instanceof ScimError) return e;
  if (e instanceof PatchLibraryError) {
    const known = ["noTarget", "invalidPath", "invalidValue", "invalidSyntax"] as const;
    const type = known.find((k) => k === e.scimCode) ?? "invalidValue";
    return new ScimError(400, e.message.slice(0, 300), type);
  }
  throw e;
}
