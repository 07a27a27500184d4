import { postSubmit } from "@/lib/attempts/submit-route";

/** POST /api/quiz/attempts/:id/submit — lib/attempts/submit-route.ts (also served straight from the front door, lib/runtime/direct-routes.ts). */
export const POST = postSubmit;
