import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { listPeople } from "@/db/queries/users";
import { withScope } from "@/lib/auth/guards";
import { badRequest } from "@/lib/http";

const Query = z.object({
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** GET /api/admin/people?q=&page= — the people of the caller's scope as JSON. */
export const GET = withScope("people:read", async (req, { scope }) => {
  const parsed = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  return NextResponse.json(await listPeople(db(), scope, parsed.data));
});
