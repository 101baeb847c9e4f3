import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyRingFrom, newKeyConfig, setKeyRingForTesting } from "../../../app/modules/access/keys.server";
import { signPassToken } from "../../../app/modules/access/pass-token.server";
import { scanAtKiosk } from "../../../app/modules/access/scan.server";

// Any database call would fail: nothing listens here.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nothing";

describe("forged codes at the kiosk", () => {
  it("are refused before any database lookup", async () => {
    const ours = newKeyConfig(1);
    setKeyRingForTesting(keyRingFrom([{ ...newKeyConfig(3), retired: true }, ours]));
    const claims = { passId: randomUUID(), buildingCode: 1, validFrom: new Date(), validUntil: new Date(Date.now() + 3600_000) };
    const forged = signPassToken(claims, keyRingFrom([newKeyConfig(1)]));
    const unknownKey = signPassToken(claims, keyRingFrom([newKeyConfig(9)]));
    const retiredKey = signPassToken(claims, keyRingFrom([newKeyConfig(3)]));
    const valid = signPassToken(claims, keyRingFrom([ours]));
    const kiosk = randomUUID();
    for (const code of [forged, unknownKey, retiredKey, valid.slice(0, -6), valid.slice(0, -1) + (valid.endsWith("0") ? "1" : "0"), "hello"]) {
      await expect(scanAtKiosk(kiosk, code)).resolves.toEqual({ outcome: "not_city_code" });
    }
    // The valid one does reach the database, which proves the test would notice a lookup.
    await expect(scanAtKiosk(kiosk, valid)).rejects.toThrow();
    setKeyRingForTesting(undefined);
  });
});
