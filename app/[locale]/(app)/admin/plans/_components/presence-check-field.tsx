"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { PRESENCE_MINUTES_CHOICES } from "@/lib/presence/rules";

/**
 * The plan's presence-check setting: off, or an average interval from a short list. A value
 * not on the list (written outside the form, e.g. by a test) is shown as it is, so saving the
 * form does not silently change it.
 */
export function PresenceCheckField({ value, errors }: { value: string; errors?: string[] }) {
  const t = useTranslations("presence");
  const options = [{ value: "", label: t("planOff") }, ...PRESENCE_MINUTES_CHOICES.map((m) => ({ value: String(m * 60), label: t("planEvery", { minutes: m }) }))];
  if (value !== "" && !options.some((o) => o.value === value)) options.push({ value, label: t("planEveryCustom", { seconds: value }) });
  return <SelectField name="presenceCheckSeconds" label={t("planField")} hint={t("planFieldHint")} options={options} defaultValue={value} errors={errors} />;
}
