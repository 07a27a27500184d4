/**
 * Starts a package's runtime: decodes the package's data from `course.js` and runs the course
 * with the given adapter. One entry per format (`entry-*.ts`), so a SCORM package does not
 * carry the cmi5 library.
 */
import { deobfuscate } from "../obfuscate";
import { PACKAGE_DATA_GLOBAL, type PackageData } from "../package-data";
import { runApp } from "./app";
import type { LmsAdapter } from "./lms";

export function start(adapterFor: (data: PackageData) => LmsAdapter): void {
  const packed = (window as unknown as Record<string, [string, string]>)[PACKAGE_DATA_GLOBAL]!;
  const data = deobfuscate(packed[1], packed[0]) as PackageData;
  void runApp(data, adapterFor(data));
}
