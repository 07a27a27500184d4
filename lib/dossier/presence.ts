import "server-only";
import type { DossierPresenceCheck } from "./types";

/**
 * THE place where presence checks (issue #20: questions at unpredictable moments during a
 * lesson, table `presence_checks`, built on another branch) enter the dossier. Until the
 * integrator wires that table here (`presenceSource(d)` reading it, inside the dossier's read
 * transaction), no plan asks for them and no participation has any, so the registers print no
 * "Verifiche di presenza" section.
 */

export type Participation = { userId: number; courseSlug: string; cycle: number; planId: number };

export type PresenceSource = {
  /** Whether the plan asks for presence checks during lessons. */
  planAsks: (planId: number) => boolean;
  /** The presence checks of one participation (a learner's cycle of a course), oldest first. */
  checks: (p: Participation) => DossierPresenceCheck[];
};

export function presenceSource(): PresenceSource {
  return { planAsks: () => false, checks: () => [] };
}
