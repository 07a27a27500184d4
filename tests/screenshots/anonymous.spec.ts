import { screenshotsOf } from "./support/run";

screenshotsOf("anonymous");
