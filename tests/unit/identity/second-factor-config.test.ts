import { describe, expect, it } from "vitest";
import { loadEnv } from "../../../app/utils/env.server";

const production = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://mail", DATA_DIR: ".data/test" };

describe("staff second factor configuration", () => {
  it("is left to the default (required only in production) unless set, and cannot be turned off in production", () => {
    expect(loadEnv({ DATA_DIR: ".data/test" }).STAFF_2FA_REQUIRED).toBeUndefined();
    expect(loadEnv({ DATA_DIR: ".data/test", STAFF_2FA_REQUIRED: "true" }).STAFF_2FA_REQUIRED).toBe(true);
    expect(loadEnv(production).STAFF_2FA_REQUIRED).toBeUndefined();
    expect(() => loadEnv({ ...production, STAFF_2FA_REQUIRED: "false" })).toThrow(/STAFF_2FA_REQUIRED: cannot be turned off when NODE_ENV=production/);
  });

  it("wants a TOTP encryption key of at least 32 characters when one is given", () => {
    expect(() => loadEnv({ DATA_DIR: ".data/test", TOTP_ENCRYPTION_KEY: "short" })).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(loadEnv({ DATA_DIR: ".data/test", TOTP_ENCRYPTION_KEY: "k".repeat(32) }).TOTP_ENCRYPTION_KEY).toHaveLength(32);
  });
});
