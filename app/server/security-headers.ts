import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/**
 * The response headers of every answer (issue 12 item 7), through helmet:
 *
 * - Content-Security-Policy: only the portal's own files, plus a fresh nonce per response
 *   for Remix's inline scripts (`res.locals.cspNonce`, handed to Remix as `cspNonce` in the
 *   load context; app/entry.server.tsx and app/root.tsx put it on the script tags). No inline
 *   style attributes (the charts use SVG `fill` attributes instead). Kiosk pages alone may
 *   compile WebAssembly (`'wasm-unsafe-eval'`), for the ZXing QR decoder served from
 *   /kiosk/zxing_reader.wasm. File downloads add their own `default-src 'none'; sandbox`
 *   (app/modules/cases/http.server.ts); browsers enforce both policies.
 * - Strict-Transport-Security for a year with subdomains, in production only.
 * - Permissions-Policy: the camera only on /kiosk pages (the door kiosk scans QR codes).
 * - Cross-Origin-Opener-Policy: same-origin; X-Frame-Options: DENY; nosniff; a referrer
 *   policy that sends only the origin to other sites.
 */
export const isKioskPath = (path: string) => path === "/kiosk" || path.startsWith("/kiosk/");

const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce as string}'`;

function headersFor({ production, kiosk }: { production: boolean; kiosk: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": kiosk ? ["'self'", nonce, "'wasm-unsafe-eval'"] : ["'self'", nonce],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        ...(production ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
  });
}

const PERMISSIONS = "geolocation=(), microphone=(), payment=(), usb=()";

// Stands in for the nonce while helmet computes the headers once; never sent.
const NONCE_MARK = "NONCE_MARK_b4f1c2d0e9a8";

/**
 * helmet's headers for one kind of page, computed once with a placeholder nonce: helmet
 * decides what is sent, and a request then only sets them, with its own nonce written into
 * the policy. Running helmet's dozen middlewares per request cost about a sixth of the CPU of
 * the cheapest answers (a cached page, /healthz; docs/performance.md, decision 022).
 */
function precomputed(opts: { production: boolean; kiosk: boolean }) {
  const headers: [string, string][] = [];
  const recorder = {
    locals: { cspNonce: NONCE_MARK },
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  let called = false;
  headersFor(opts)({} as IncomingMessage, recorder as unknown as ServerResponse, () => void (called = true));
  if (!called) throw new Error("helmet did not finish synchronously: the security headers cannot be precomputed.");
  const policy = headers.find(([name]) => name.toLowerCase() === "content-security-policy");
  const [beforeNonce, afterNonce] = policy?.[1].split(NONCE_MARK) ?? [];
  if (!policy || afterNonce === undefined) throw new Error("The Content-Security-Policy has no nonce.");
  const fixed = headers.filter((h) => h !== policy);
  fixed.push(["Permissions-Policy", `camera=${opts.kiosk ? "(self)" : "()"}, ${PERMISSIONS}`]);
  return { fixed, policyName: policy[0], beforeNonce, afterNonce };
}

// Nonces come from a pool of random bytes filled 4 KB at a time (as crypto.randomUUID does):
// each nonce is 16 bytes of its own, and one system call serves 256 responses.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;
function freshNonce(): string {
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const nonce = pool.toString("base64", poolOffset, poolOffset + 16);
  poolOffset += 16;
  return nonce;
}

export function securityHeaders({ production }: { production: boolean }) {
  const page = precomputed({ production, kiosk: false });
  const kioskPage = precomputed({ production, kiosk: true });
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = freshNonce();
    res.locals.cspNonce = nonce;
    const set = isKioskPath(req.path) ? kioskPage : page;
    for (const [name, value] of set.fixed) res.setHeader(name, value);
    res.setHeader(set.policyName, set.beforeNonce + nonce + set.afterNonce);
    next();
  };
}
