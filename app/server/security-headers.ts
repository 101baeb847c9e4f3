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

export function securityHeaders({ production }: { production: boolean }) {
  const page = headersFor({ production, kiosk: false });
  const kioskPage = headersFor({ production, kiosk: true });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    const kiosk = isKioskPath(req.path);
    res.setHeader("Permissions-Policy", `camera=${kiosk ? "(self)" : "()"}, ${PERMISSIONS}`);
    (kiosk ? kioskPage : page)(req, res, next);
  };
}
