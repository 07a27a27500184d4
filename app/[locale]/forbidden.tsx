import { ForbiddenMessage } from "@/components/shell/message-page";
import { StaticHeader } from "@/components/shell/static-header";

/**
 * The 403 of pages outside the signed-in area (`/access-denied`, which the lesson route
 * serves): static, so the pages under `[locale]` can still be prerendered — a boundary's
 * component is rendered with every page below it, and reading the session here made them all
 * dynamic. The signed-in area has its own, inside its header (`(app)/forbidden.tsx`).
 */
export default function Forbidden() {
  return (
    <>
      <StaticHeader named={false} />
      <ForbiddenMessage />
    </>
  );
}
