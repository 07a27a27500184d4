import { start } from "./main";
import { scorm2004Adapter } from "./scorm2004";

start((data) => scorm2004Adapter(data.locale));
