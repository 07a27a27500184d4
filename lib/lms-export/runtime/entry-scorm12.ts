import { start } from "./main";
import { scorm12Adapter } from "./scorm12";

start(() => scorm12Adapter());
