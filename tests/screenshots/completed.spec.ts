import { screenshotsOf } from "./support/run";

screenshotsOf("completed");
