import "server-only";
import type { AppDatabase } from "@/db/open";

/**
 * What happens to people an import created. Invitations by e-mail are added by the mail
 * module; until then nobody is contacted and the count is 0.
 */
export function afterImport(d: AppDatabase, createdUserIds: readonly number[], actorId: number): number {
  void d;
  void createdUserIds;
  void actorId;
  return 0;
}
