import { screenshotsOf } from "./support/run";

screenshotsOf("manager");
