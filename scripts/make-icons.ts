import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

/**
 * Draws the portal's icon, a house in Mechelen red with a white M, and writes it as
 * public/favicon.svg, public/favicon.ico (32×32) and public/icon-192.png / icon-512.png for the
 * web app manifest. No image library: the shapes are polygons, rasterised here with 4×4
 * supersampling. Run `node --import tsx scripts/make-icons.ts` after changing the drawing and
 * commit the files.
 */
type Point = [number, number];
type Shape = { fill: [number, number, number]; points: Point[] };

const RED: [number, number, number] = [0xa3, 0x12, 0x2a];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];
// On a canvas of 1 × 1, y down.
const SHAPES: Shape[] = [
  {
    fill: RED,
    points: [
      [0.5, 0.04],
      [0.96, 0.44],
      [0.96, 0.96],
      [0.04, 0.96],
      [0.04, 0.44],
    ],
  },
  {
    fill: WHITE,
    points: [
      [0.22, 0.86],
      [0.22, 0.46],
      [0.35, 0.46],
      [0.5, 0.64],
      [0.65, 0.46],
      [0.78, 0.46],
      [0.78, 0.86],
      [0.66, 0.86],
      [0.66, 0.64],
      [0.5, 0.82],
      [0.34, 0.64],
      [0.34, 0.86],
    ],
  },
];

function inside([x, y]: Point, poly: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** RGBA pixels, top row first. */
function rasterise(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const p: Point = [(px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size];
          let colour: [number, number, number] | undefined;
          for (const s of SHAPES) if (inside(p, s.points)) colour = s.fill;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a++;
          }
        }
      const o = (py * size + px) * 4;
      if (a) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size: number): Buffer {
  const rgba = rasterise(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** An ICO holding one 32-bit BMP image (bottom-up BGRA plus an all-zero AND mask). */
export function ico(size: number): Buffer {
  const rgba = rasterise(size);
  const xor = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      xor[to] = rgba[from + 2];
      xor[to + 1] = rgba[from + 1];
      xor[to + 2] = rgba[from];
      xor[to + 3] = rgba[from + 3];
    }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // XOR and AND images together
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(xor.length + mask.length, 20);
  const image = Buffer.concat([info, xor, mask]);
  const dir = Buffer.alloc(6 + 16);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(1, 4); // one image
  dir[6] = size;
  dir[7] = size;
  dir.writeUInt16LE(1, 10);
  dir.writeUInt16LE(32, 12);
  dir.writeUInt32LE(image.length, 14);
  dir.writeUInt32LE(22, 18);
  return Buffer.concat([dir, image]);
}

export function svg(): string {
  const pts = (s: Shape) => s.points.map(([x, y]) => `${+(x * 32).toFixed(2)},${+(y * 32).toFixed(2)}`).join(" ");
  const hex = (c: [number, number, number]) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${SHAPES.map((s) => `<polygon fill="${hex(s.fill)}" points="${pts(s)}"/>`).join("")}</svg>\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("scripts", "make-icons.ts"))) {
  const dir = path.resolve("public");
  writeFileSync(path.join(dir, "favicon.svg"), svg());
  writeFileSync(path.join(dir, "favicon.ico"), ico(32));
  writeFileSync(path.join(dir, "icon-192.png"), png(192));
  writeFileSync(path.join(dir, "icon-512.png"), png(512));
  console.log("Icons written to public/.");
}
