import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";

/** On a translated article: the Dutch original was changed after this translation (it is "to review"). */
export function DutchIsNewer({ at, slug }: { at: string; slug: string }) {
  const { t, i18n } = useTranslation("knowledge");
  const date = new Intl.DateTimeFormat(i18n.language === "fr" ? "fr-BE" : "en-GB", { dateStyle: "long", timeZone: "Europe/Brussels" }).format(new Date(at));
  return (
    <Notice>
      {t("article.dutchIsNewer", { date })}{" "}
      <Link to={`/mikipedia/${slug}?lng=nl`} hrefLang="nl">
        {t("article.readDutch")}
      </Link>
    </Notice>
  );
}
