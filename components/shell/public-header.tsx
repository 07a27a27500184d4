import { HeaderFrame } from "./header-frame";
import { LocaleSwitcher } from "./locale-switcher";

/** Header for public pages (no session, e.g. /verify): the brand and the language switch. */
export async function PublicHeader() {
  return <HeaderFrame tools={<LocaleSwitcher />} />;
}
