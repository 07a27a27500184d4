import { screenshotsOf } from "./support/run";

screenshotsOf("trainer");
