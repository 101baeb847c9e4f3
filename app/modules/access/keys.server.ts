import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, env, isProduction, type AccessSigningKeyConfig } from "~/utils/env.server";

export type SigningKey = { kid: number; privateKey: KeyObject; publicKey: KeyObject; retired: boolean };
export type KeyRing = { signing: SigningKey; byKid: Map<number, SigningKey> };

/** Builds the key ring: sign with the newest non-retired key (last in the list), verify with any non-retired one. */
export function keyRingFrom(configs: AccessSigningKeyConfig[]): KeyRing {
  const keys = configs.map((c) => {
    const privateKey = createPrivateKey(c.privateKey.includes("BEGIN") ? c.privateKey : { key: Buffer.from(c.privateKey, "base64"), format: "der", type: "pkcs8" });
    if (privateKey.asymmetricKeyType !== "ed25519") throw new ConfigError(`ACCESS_SIGNING_KEYS: key ${c.kid} is not an Ed25519 key`);
    return { kid: c.kid, privateKey, publicKey: createPublicKey(privateKey), retired: c.retired ?? false };
  });
  const active = keys.filter((k) => !k.retired);
  if (!active.length) throw new ConfigError("ACCESS_SIGNING_KEYS: at least one key must not be retired");
  return { signing: active[active.length - 1], byKid: new Map(keys.map((k) => [k.kid, k])) };
}

/** Outside production a key is generated once and kept under DATA_DIR, like the session secret. */
function developmentKey(dataDir: string): AccessSigningKeyConfig {
  const file = path.resolve(dataDir, "access-signing-key.pem");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }) as string, { mode: 0o600 });
  }
  return { kid: 1, privateKey: readFileSync(file, "utf8") };
}

let ring: KeyRing | undefined;
export function keyRing(): KeyRing {
  if (ring) return ring;
  const configured = env().ACCESS_SIGNING_KEYS;
  if (!configured && isProduction()) throw new ConfigError("ACCESS_SIGNING_KEYS is required when NODE_ENV=production");
  ring = keyRingFrom(configured ?? [developmentKey(env().DATA_DIR)]);
  return ring;
}

/** For tests: use another key ring (rotation, retired keys). */
export function setKeyRingForTesting(r: KeyRing | undefined) {
  ring = r;
}

/** A fresh key in the configuration format (PKCS8 DER, base64): for tests, benchmarks and operators. */
export function newKeyConfig(kid: number, retired = false): AccessSigningKeyConfig {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { kid, privateKey: (privateKey.export({ format: "der", type: "pkcs8" }) as Buffer).toString("base64"), retired };
}
