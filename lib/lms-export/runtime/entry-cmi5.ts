import { cmi5Adapter } from "./cmi5";
import { start } from "./main";

start((data) => cmi5Adapter(data.locale));
