import { screenshotsOf } from "./support/run";

screenshotsOf("learner");
