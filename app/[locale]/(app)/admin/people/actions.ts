"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { changeActivation } from "@/lib/people/activation";

const ActivationInput = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setActiveAction = scopedAction("people:manage", ActivationInput, async (input, user, scope) => {
  const result = await changeActivation(db(), user.id, scope, input.userId, input.active);
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/[locale]/admin/people", "page");
  return { ok: true, message: "updated" };
});
