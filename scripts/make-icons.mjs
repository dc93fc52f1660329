#!/usr/bin/env node
// Draws the add-in's icons (a green register card with a red approval stamp) and writes
// them as PNG files in assets/. Pure JS: 4x supersampling, PNG via node:zlib.
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The picture in unit coordinates (0..1): the colour at a point, or null for transparent. */
function paint(x, y) {
  const inRound = (x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const stamp = Math.hypot(x - 0.7, y - 0.7);
  if (stamp <= 0.2 && stamp >= 0.14) return [200, 30, 40];
  if (stamp < 0.14 && stamp > 0.1) return [255, 255, 255];
  if (stamp <= 0.1) return [200, 30, 40];
  if (inRound(0.2, 0.14, 0.72, 0.8, 0.04)) {
    for (const ly of [0.3, 0.42, 0.54])
      if (y > ly - 0.025 && y < ly + 0.025 && x > 0.28 && x < 0.64) return [33, 115, 70];
    return [255, 255, 255];
  }
  if (inRound(0.04, 0.04, 0.96, 0.96, 0.16)) return [33, 115, 70];
  return null;
}

function draw(size) {
  const out = Buffer.alloc(size * size * 4);
  const s = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const c = paint((px + (sx + 0.5) / s) / size, (py + (sy + 0.5) / s) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a++;
          }
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? r / a : 0;
      out[i + 1] = a ? g / a : 0;
      out[i + 2] = a ? b / a : 0;
      out[i + 3] = Math.round((a / (s * s)) * 255);
    }
  }
  return png(size, out);
}

mkdirSync("assets", { recursive: true });
for (const size of [16, 32, 64, 80, 128]) writeFileSync(`assets/icon-${size}.png`, draw(size));
writeFileSync("assets/logo-filled.png", draw(300));
console.log("icons written to assets/");
