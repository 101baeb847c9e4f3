import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";

type Building = { id: string; name: string; address: string | null; openingHours: string | null; accessibility: string | null };

/**
 * One small form per building (admin, /werk/toegang): what visitors read on their pass page,
 * in the mail and the .ics. Empty fields stay empty: nothing is shown for them.
 */
export function BuildingInfoForm({ building }: { building: Building }) {
  const { t } = useTranslation("access");
  const id = (field: string) => `b-${building.id}-${field}`;
  return (
    <Form method="post" className="stack visitor-row" aria-labelledby={id("title")}>
      <h3 id={id("title")}>{building.name}</h3>
      <input type="hidden" name="_intent" value="building" />
      <input type="hidden" name="buildingId" value={building.id} />
      <TextField id={id("address")} name="address" label={t("admin.address")} defaultValue={building.address ?? ""} maxLength={300} autoComplete="off" />
      <div className="field">
        <label htmlFor={id("openingHours")}>{t("admin.openingHours")}</label>
        <textarea id={id("openingHours")} name="openingHours" rows={3} maxLength={1000} defaultValue={building.openingHours ?? ""} />
      </div>
      <div className="field">
        <label htmlFor={id("accessibility")}>{t("admin.accessibility")}</label>
        <textarea id={id("accessibility")} name="accessibility" rows={3} maxLength={2000} defaultValue={building.accessibility ?? ""} />
      </div>
      <button type="submit" className="button secondary">
        {t("admin.saveBuilding", { building: building.name })}
      </button>
    </Form>
  );
}
