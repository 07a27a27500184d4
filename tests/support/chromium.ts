import fs from "node:fs";

/** Debian's chromium (Playwright cannot download browsers here), started the same way by every Playwright config. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
