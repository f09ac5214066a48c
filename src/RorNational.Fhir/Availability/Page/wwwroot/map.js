// The map of France by département, coloured by the beds available now in its fresh units.
// Its shapes come from /availability/map.json, which the build extracts from published npm
// packages (build/availability-map): the 96 metropolitan départements, and the 5 overseas ones
// drawn as insets below, as French maps do.
import { el, level, number } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const INSET = { size: 92, top: 600, label: 14 };
let shapes = null;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== null && value !== undefined) node.setAttribute(name, value);
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

export async function loadShapes() {
  if (!shapes) {
    const response = await fetch('/availability/map.json');
    if (!response.ok) throw new Error(`carte : HTTP ${response.status}`);
    shapes = await response.json();
  }
  return shapes;
}

function toneOf(count, canRead) {
  if (!count || count.units + count.stale.units === 0) return 'absent';
  if (!canRead) return 'exists';
  if (count.units === 0) return 'stale-only';
  return `level-${level(count.figures.available ?? 0)}`;
}

function describe(name, count, canRead) {
  if (!count || count.units + count.stale.units === 0) return `${name} : aucune unité`;
  const stale = count.stale.units ? `, ${count.stale.units} périmée(s) à part` : '';
  if (!canRead) return `${name} : ${count.units} unité(s) à jour${stale}`;
  return `${name} : ${number(count.figures.available ?? 0)} lit(s) disponible(s) dans ${count.units} unité(s) à jour${stale}`;
}

function shape(departement, path, grid, canRead, selected, transform) {
  const count = grid.totals.departements[departement.code];
  const name = `${departement.code} ${departement.name}`;
  const tone = toneOf(count, canRead);
  return svg('path', {
    d: path, transform,
    class: `dep ${tone}${selected === departement.code ? ' selected' : ''}`,
    'data-departement': departement.code, 'data-tone': tone, tabindex: 0, role: 'button', 'aria-label': describe(name, count, canRead),
  }, svg('title', {}, document.createTextNode(describe(name, count, canRead))));
}

export function renderMap(container, grid, names, { selected, onSelect }) {
  const canRead = grid.scope.figures.includes('available');
  const nameOf = (code, fallback) => names.get(code) || fallback;
  const width = Number(shapes.viewBox.split(/\s+/)[2]);
  const gap = (width - shapes.overseas.length * INSET.size) / (shapes.overseas.length + 1);
  const map = svg('svg', { viewBox: `0 0 ${width} ${INSET.top + INSET.size + INSET.label + 6}`, role: 'img', 'aria-label': 'Carte des départements' },
    svg('g', { class: 'metropole' }, shapes.departements.map((d) =>
      shape({ code: d.code, name: nameOf(d.code, d.name) }, d.path, grid, canRead, selected))),
    shapes.overseas.map((o, i) => {
      const x = gap + i * (INSET.size + gap);
      const scale = (INSET.size - 12) / 100;
      const dx = x + (INSET.size - o.width * scale) / 2;
      const dy = INSET.top + (INSET.size - o.height * scale) / 2;
      return svg('g', { class: 'inset' },
        svg('rect', { x, y: INSET.top, width: INSET.size, height: INSET.size, rx: 8, class: 'inset-frame' }),
        shape({ code: o.code, name: nameOf(o.code, o.name) }, o.path, grid, canRead, selected, `translate(${dx.toFixed(1)} ${dy.toFixed(1)}) scale(${scale})`),
        svg('text', { x: x + INSET.size / 2, y: INSET.top + INSET.size + INSET.label, class: 'inset-label' }, document.createTextNode(`${o.code} ${nameOf(o.code, o.name)}`)));
    }));
  map.addEventListener('click', (event) => {
    const target = event.target.closest('[data-departement]');
    if (target) onSelect(target.getAttribute('data-departement'));
  });
  map.addEventListener('keydown', (event) => {
    const target = event.target.closest('[data-departement]');
    if (target && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); onSelect(target.getAttribute('data-departement')); }
  });
  container.replaceChildren(map);
}

export function renderLegend(list, canRead) {
  const items = canRead
    ? [['level-plenty', 'plus de 10 lits'], ['level-many', '6 à 10'], ['level-some', '3 à 5'], ['level-low', '1 ou 2'], ['level-none', 'aucun lit disponible'], ['stale-only', 'unités périmées seulement'], ['absent', 'aucune unité']]
    : [['exists', 'des unités (chiffres non visibles avec ce profil)'], ['absent', 'aucune unité']];
  list.replaceChildren(...items.map(([tone, text]) => el('li', {}, el('span', { class: `swatch ${tone}` }), text)));
}
