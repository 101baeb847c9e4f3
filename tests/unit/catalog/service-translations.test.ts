import { describe, expect, it } from "vitest";
import { serviceChannels, serviceRequirements, serviceText } from "../../../app/modules/catalog/localize";
import { withMissingFields } from "../../../seeds/catalog";

describe("service translations", () => {
  it("fills in the fields a stored row lacks and leaves the ones it has (maybe edited)", () => {
    const stored = { en: { title: "Edited title", summary: "Edited summary" } };
    const seeded = { en: { title: "Seed title", summary: "Seed summary", description: "Seed description" }, fr: { title: "Titre", summary: "Résumé" } };
    expect(withMissingFields(stored, seeded)).toEqual({
      en: { title: "Edited title", summary: "Edited summary", description: "Seed description" },
      fr: { title: "Titre", summary: "Résumé" },
    });
    expect(withMissingFields(seeded, seeded)).toBeNull();
  });

  it("falls back to the Dutch text, marked nl, where a translation is missing or incomplete", () => {
    const service = {
      title: "Burenbemiddeling aanvragen",
      description: "Een bemiddelaar helpt.",
      requirements: ["Uw adres.", "Het adres van uw buren."],
      channels: { online: "Via dit portaal.", counter: "Aan het loket.", phone: null },
      translations: { en: { title: "Requesting neighbour mediation", requirements: ["Your address."], channels: { online: "Through this portal." } } },
    };
    expect(serviceText(service, "title", "en")).toEqual({ text: "Requesting neighbour mediation", lang: "en" });
    expect(serviceText(service, "description", "en")).toEqual({ text: "Een bemiddelaar helpt.", lang: "nl" });
    expect(serviceText(service, "title", "nl")).toEqual({ text: "Burenbemiddeling aanvragen", lang: "nl" });
    // One of two items translated: the list stays Dutch rather than mixing or dropping an item.
    expect(serviceRequirements(service, "en").map((r) => r.lang)).toEqual(["nl", "nl"]);
    expect(serviceChannels(service, "en")).toEqual([
      { channel: "online", text: "Through this portal.", lang: "en" },
      { channel: "counter", text: "Aan het loket.", lang: "nl" },
    ]);
  });
});
