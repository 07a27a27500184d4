import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { getPersonInScope, setTestTimeExtraPercent } from "@/db/queries/users";
import type { DataScope } from "@/db/queries/scope";
import { appendAuditEvent } from "@/lib/audit/trail";

/** The extra time an admin can grant on timed tests, as a share of the limit. */
export const TEST_TIME_EXTRAS = [0, 25, 50, 100] as const;

export const AccommodationSchema = z.object({
  userId: z.coerce.number().int().positive(),
  extraPercent: z.coerce.number().pipe(z.union(TEST_TIME_EXTRAS.map((p) => z.literal(p)) as [z.ZodLiteral<0>, ...z.ZodLiteral<number>[]], { error: "extra" })),
});

/**
 * Grants (or takes back) extra time on timed tests for one learner — an accommodation for a
 * disability or a language difficulty, as the funds and the law expect. Recorded in the audit
 * trail with who granted it; the reason is not stored (it may be health data).
 */
export async function grantTestTimeExtra(d: Engine, actorId: number, scope: DataScope, input: z.infer<typeof AccommodationSchema>): Promise<"saved" | "unchanged" | "not_found"> {
  return d.write(async () => {
    const user = await getPersonInScope(d, scope, input.userId);
    if (!user) return "not_found";
    if (!await setTestTimeExtraPercent(d, user.id, input.extraPercent)) return "unchanged";
    await appendAuditEvent(d, {
      type: "admin.accommodation",
      actorUserId: actorId,
      subject: `user:${user.id}`,
      data: { testTimeExtraPercent: input.extraPercent, before: user.testTimeExtraPercent },
    });
    return "saved";
  });
}
