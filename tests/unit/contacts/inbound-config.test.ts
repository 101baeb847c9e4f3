import { describe, expect, it } from "vitest";
import { loadEnv } from "../../../app/utils/env.server";

const production = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://mail", DATA_DIR: ".data/test" };

describe("inbound e-mail configuration", () => {
  it("is off unless a port is set, and reads the city's addresses case-insensitively", () => {
    expect(loadEnv({ DATA_DIR: ".data/test" }).INBOUND_SMTP_PORT).toBeUndefined();
    const env = loadEnv({ DATA_DIR: ".data/test", INBOUND_SMTP_PORT: "2525", INBOUND_MAIL_ADDRESSES: " Info@Stad.example , loket@stad.example" });
    expect(env.INBOUND_SMTP_PORT).toBe(2525);
    expect(env.INBOUND_MAIL_ADDRESSES).toEqual(["info@stad.example", "loket@stad.example"]);
  });

  it("refuses a bad address, and the example address in production", () => {
    expect(() => loadEnv({ DATA_DIR: ".data/test", INBOUND_MAIL_ADDRESSES: "not-an-address" })).toThrow(/INBOUND_MAIL_ADDRESSES/);
    expect(() => loadEnv({ ...production, INBOUND_SMTP_PORT: "25" })).toThrow(/INBOUND_MAIL_ADDRESSES: must name the city's real address/);
    expect(loadEnv({ ...production, INBOUND_SMTP_PORT: "25", INBOUND_MAIL_ADDRESSES: "info@stad.example" }).INBOUND_MAIL_ADDRESSES).toEqual(["info@stad.example"]);
    expect(loadEnv(production).INBOUND_SMTP_PORT).toBeUndefined();
  });
});
