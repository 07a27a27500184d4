import { forbidden } from "next/navigation";

/** Where the proxy sends a signed-in user who may not open a prerendered page: the localised 403. */
export default function AccessDenied() {
  forbidden();
}
