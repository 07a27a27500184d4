import { NextIntlClientProvider } from "next-intl";
import { getMessages, setRequestLocale } from "next-intl/server";
import { AUTH_NAMESPACES, pickMessages } from "@/lib/i18n/client-messages";

/** Sign-in, invitation and password pages: their forms' texts for the browser (lib/i18n/client-messages.ts). */
export default async function AuthLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), AUTH_NAMESPACES)}>{children}</NextIntlClientProvider>;
}
