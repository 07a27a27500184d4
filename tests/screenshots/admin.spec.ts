import { screenshotsOf } from "./support/run";

screenshotsOf("admin");
