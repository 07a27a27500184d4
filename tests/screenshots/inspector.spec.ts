import { screenshotsOf } from "./support/run";

screenshotsOf("inspector");
