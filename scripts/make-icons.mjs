// Draws the app's icons into resources/ with Node alone (zlib for PNG), no image tools:
//   tray-<state>Template.png (16×16) and tray-<state>Template@2x.png (32×32) for the menu bar —
//   black on transparent, which macOS treats as template images (tinted for light and dark menu
//   bars) thanks to the "Template" suffix; and icon.png (1024×1024), the app icon electron-builder
//   turns into the .icns. Shapes are signed-distance functions, antialiased by supersampling.
//
//   node scripts/make-icons.mjs            writes the files
//   node scripts/make-icons.mjs --check    exits 1 if a committed file differs from what it draws
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const out = new URL('../resources/', import.meta.url).pathname;

// --- PNG (RGBA, 8 bits per channel) ---------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- shapes: signed distances in a unit square (negative inside) -----------------------------
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
function segment(ax, ay, bx, by, width) {
  return (x, y) => {
    const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * t, py - dy * t) - width / 2;
  };
}
function triangle(ax, ay, bx, by, cx, cy) {
  const edges = [
    [ax, ay, bx, by],
    [bx, by, cx, cy],
    [cx, cy, ax, ay],
  ];
  const sign = Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  return (x, y) => {
    let inside = true;
    let nearest = Infinity;
    for (const [x1, y1, x2, y2] of edges) {
      if (sign * ((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)) < 0) inside = false;
      nearest = Math.min(nearest, segment(x1, y1, x2, y2, 0)(x, y));
    }
    return inside ? -nearest : nearest;
  };
}
function roundedSquare(inset, radius) {
  return (x, y) => {
    const half = 0.5 - inset - radius;
    const qx = Math.abs(x - 0.5) - half;
    const qy = Math.abs(y - 0.5) - half;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));

/** Coverage of each pixel by `shape`, from `samples`² points per pixel. */
function coverage(size, shape, samples = 8) {
  const alpha = new Float64Array(size * size);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) <= 0) hits += 1;
        }
      }
      alpha[py * size + px] = hits / (samples * samples);
    }
  }
  return alpha;
}

function template(size, shape) {
  const alpha = coverage(size, shape);
  const rgba = Buffer.alloc(size * size * 4);
  alpha.forEach((a, i) => (rgba[i * 4 + 3] = Math.round(a * 255)));
  return png(size, rgba);
}

// --- the four tray states ----------------------------------------------------------------------
const stroke = 0.1;
const trayShapes = {
  // An empty ring: everyone idle.
  idle: ring(0.5, 0.5, 0.36, stroke),
  // The ring with a full core: a model is generating.
  busy: union(ring(0.5, 0.5, 0.36, stroke), circle(0.5, 0.5, 0.17)),
  // Two arrows passing each other: the baton pass (planner swap) under way.
  swap: union(
    segment(0.14, 0.34, 0.66, 0.34, stroke),
    triangle(0.62, 0.17, 0.9, 0.34, 0.62, 0.51),
    segment(0.34, 0.66, 0.86, 0.66, stroke),
    triangle(0.38, 0.49, 0.1, 0.66, 0.38, 0.83),
  ),
  // A solid disc with an exclamation mark cut out: your approval is needed.
  approval: subtract(circle(0.5, 0.5, 0.44), union(segment(0.5, 0.24, 0.5, 0.56, 0.13), circle(0.5, 0.74, 0.075))),
};

// --- the app icon (after resources/icon.svg: an amber tile, a white "F" and a dot) ---------------
function appIcon(size) {
  const tile = roundedSquare(0.06, 0.19);
  const u = (v) => v / 32; // the SVG's 32-unit grid
  const letter = union(
    segment(u(9), u(22), u(9), u(10), u(3)),
    segment(u(9), u(10), u(19), u(10), u(3)),
    segment(u(9), u(16), u(16), u(16), u(3)),
  );
  const dot = circle(u(23), u(21), u(3));
  const tileA = coverage(size, tile, 2);
  const markA = coverage(size, union(letter, dot), 2);
  const rgba = Buffer.alloc(size * size * 4);
  const amber = [0xb4, 0x53, 0x09];
  for (let i = 0; i < size * size; i += 1) {
    const m = markA[i];
    for (let c = 0; c < 3; c += 1) rgba[i * 4 + c] = Math.round(amber[c] * (1 - m) + 255 * m);
    rgba[i * 4 + 3] = Math.round(tileA[i] * 255);
  }
  return png(size, rgba);
}

const files = {};
for (const [state, shape] of Object.entries(trayShapes)) {
  files[`tray-${state}Template.png`] = template(16, shape);
  files[`tray-${state}Template@2x.png`] = template(32, shape);
}
files['icon.png'] = appIcon(1024);

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, bytes] of Object.entries(files)) {
  const path = join(out, name);
  if (check) {
    let current = null;
    try {
      current = readFileSync(path);
    } catch {
      /* missing */
    }
    if (!current || !current.equals(bytes)) {
      stale += 1;
      process.stderr.write(`${name} is not what scripts/make-icons.mjs draws; run it again.\n`);
    }
  } else {
    writeFileSync(path, bytes);
    process.stdout.write(`${name} (${bytes.length} bytes)\n`);
  }
}
process.exit(stale ? 1 : 0);
