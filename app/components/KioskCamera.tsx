import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Optional camera scanning with the barcode-detector ponyfill (ZXing in WebAssembly, served
 * from our own origin). When a QR code is seen, it fills the code field and submits the
 * form, exactly as a USB scanner or a person typing would. Without JS, nothing shows.
 */
export function KioskCamera({ formId, fieldId }: { formId: string; fieldId: string }) {
  const { t } = useTranslation("access");
  const [ready, setReady] = useState(false);
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.mediaDevices?.getUserMedia)), []);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let stopped = false;
    // Errors are handled inside (the camera is then shown as unavailable); nothing awaits the effect.
    void (async () => {
      try {
        const { BarcodeDetector, prepareZXingModule } = await import("barcode-detector/ponyfill");
        prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? "/kiosk/zxing_reader.wasm" : prefix + path) } });
        const detector = new BarcodeDetector({ formats: ["qr_code"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          const codes = await detector.detect(video.current);
          if (codes[0]?.rawValue) {
            const input = document.getElementById(fieldId) as HTMLInputElement | null;
            const form = document.getElementById(formId) as HTMLFormElement | null;
            if (input && form) {
              input.value = codes[0].rawValue;
              form.requestSubmit();
            }
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setFailed(true);
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, fieldId, formId]);

  if (!ready) return null;
  return (
    <div className="kiosk-camera">
      {failed ? <p role="alert">{t("kiosk.cameraUnavailable")}</p> : null}
      <button type="button" className="button button-secondary" onClick={() => setOn((v) => !v)} aria-pressed={on}>
        {on ? t("kiosk.cameraStop") : t("kiosk.cameraStart")}
      </button>
      {on ? <video ref={video} className="kiosk-video" muted playsInline aria-label={t("kiosk.cameraLabel")} /> : null}
    </div>
  );
}
