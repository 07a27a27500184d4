import { postHeartbeat } from "@/lib/progress/heartbeat-route";

/** POST /api/heartbeat — lib/progress/heartbeat-route.ts (also served straight from the front door, lib/runtime/direct-routes.ts). */
export const POST = postHeartbeat;
