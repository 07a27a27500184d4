/** Prints a freshly composed test content folder (for scripts/test.sh). */
import { composeTestContent } from "./compose-content";

console.log(composeTestContent());
