import { useTranslation } from "react-i18next";
import { HintAndError, TextField, describedBy } from "./forms";
import { PICTOGRAM_NAMES, Pictogram } from "./Pictogram";

/** The fields of a desk theme (names in three languages, letter, pictogram, order), for adding and editing. */
export function ThemeFields({ values, errors }: { values: Record<string, string | number | undefined>; errors?: Record<string, string | undefined> }) {
  const { t } = useTranslation("counteradmin");
  const v = (k: string) => (values[k] === undefined ? undefined : String(values[k]));
  const pictogramDescribed = describedBy("pictogram", undefined, errors?.pictogram);
  return (
    <>
      <TextField name="nameNl" label={t("themes.nameNl")} defaultValue={v("nameNl")} error={errors?.nameNl} required lang="nl" />
      <TextField name="nameEn" label={t("themes.nameEn")} defaultValue={v("nameEn")} error={errors?.nameEn} required lang="en" />
      <TextField name="nameFr" label={t("themes.nameFr")} defaultValue={v("nameFr")} error={errors?.nameFr} required lang="fr" />
      <TextField
        name="letter"
        label={t("themes.letter")}
        hint={t("themes.letterHint")}
        defaultValue={v("letter")}
        error={errors?.letter}
        required
        maxLength={1}
        autoCapitalize="characters"
      />
      <fieldset className={`field${errors?.pictogram ? " field-error" : ""}`} id="pictogram" aria-describedby={pictogramDescribed}>
        <legend>{t("themes.pictogram")}</legend>
        <HintAndError id="pictogram" error={errors?.pictogram} />
        {PICTOGRAM_NAMES.map((name) => (
          <div className="choice" key={name}>
            <input type="radio" name="pictogram" id={`pictogram-${name}`} value={name} defaultChecked={(v("pictogram") ?? "info") === name} />
            <label htmlFor={`pictogram-${name}`}>
              <Pictogram name={name} size={28} /> {t(`pictograms.${name}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        name="sortOrder"
        label={t("themes.order")}
        hint={t("themes.orderHint")}
        defaultValue={v("sortOrder") ?? "10"}
        error={errors?.sortOrder}
        inputMode="numeric"
        required
      />
    </>
  );
}
