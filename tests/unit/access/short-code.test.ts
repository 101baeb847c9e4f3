import { describe, expect, it } from "vitest";
import { formatShortCode, newShortCode, normaliseShortCode, SHORT_CODE_ALPHABET, shortCodeCheckOk } from "../../../app/modules/access/short-code";

describe("the pass's short code", () => {
  it("is 9 characters without look-alikes, shown grouped as XXXX-XXXX-X", () => {
    for (let i = 0; i < 200; i++) {
      const code = newShortCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
      expect(code).not.toMatch(/[ILOU]/);
      expect(shortCodeCheckOk(code)).toBe(true);
      expect(formatShortCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    }
  });

  it("accepts what a person types: lower case, spaces, hyphens, and I/L/O for 1/0", () => {
    const real = newShortCode();
    expect(normaliseShortCode(formatShortCode(real).toLowerCase())).toBe(real);
    expect(normaliseShortCode(` ${real.slice(0, 4)} ${real.slice(4)} `)).toBe(real);
    expect(normaliseShortCode("1O1L1I1O1")).toBe("101111101");
    expect(normaliseShortCode("K7M29QXH?")).toBeUndefined();
    expect(normaliseShortCode("K7M29QXHU")).toBeUndefined();
    expect(normaliseShortCode("ABC")).toBeUndefined();
    expect(normaliseShortCode("MCH:6BF5YK4$E")).toBeUndefined();
  });

  it("its check character catches every single mistyped character and every swap of two different neighbours", () => {
    for (let n = 0; n < 50; n++) {
      const code = newShortCode();
      for (let i = 0; i < code.length; i++) {
        for (const c of SHORT_CODE_ALPHABET) {
          if (c === code[i]) continue;
          expect(shortCodeCheckOk(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
        }
      }
      for (let i = 0; i < code.length - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        // Luhn mod N misses only a swap of the first and last character of the alphabet ("0" and "Z").
        if (shortCodeCheckOk(swapped)) expect([code[i], code[i + 1]].sort().join("")).toMatch(/^(0Z|Z0)$/);
      }
    }
  });
});
