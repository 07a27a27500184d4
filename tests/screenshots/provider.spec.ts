import { screenshotsOf } from "./support/run";

screenshotsOf("provider");
