"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { withAll } from "@/lib/forms/parse-form";
import { createPlan, editPlan, PlanSchema } from "@/lib/plans/plans";

/** `planId` 0 means "a new plan". */
const PlanFormInput = z.intersection(PlanSchema, z.object({ planId: z.coerce.number().int().min(0, { error: "form.notFound" }) }));

/**
 * Creates or changes a plan of the company the admin works in (the session's scope): a plan of
 * another company is not found, like an unknown id. Any invalid field: nothing is saved, and
 * the form keeps what was typed.
 */
export const savePlanAction = scopedAction("company:manage", { schema: PlanFormInput, from: withAll("courses"), echo: true }, async ({ planId, ...plan }, user, scope) => {
  const result = planId === 0 ? await createPlan(db(), user.id, scope.companyId, plan) : await editPlan(db(), user.id, scope.companyId, planId, plan);
  if (!result.ok && result.field === "_") return { ok: false, message: "not_found" };
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] } };
  revalidatePath("/[locale]/admin/plans", "layout");
  revalidatePath("/[locale]/admin/reports", "page");
  if (planId === 0) redirect(`/admin/plans/${result.planId}?created=1`);
  return { ok: true };
});
