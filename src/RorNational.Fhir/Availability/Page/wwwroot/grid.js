// The grid: one row per département, one column per regroupement. A cell shows the beds
// available now in its fresh units, empty when 0, grey when the regroupement does not exist in
// the département (the API sends no cell); stale units are counted apart (◷ n). A profile
// that may not read the figure sees the number of units instead.
import { el, level, number } from './format.js';

const key = (departement, regroupement) => `${departement}|${regroupement}`;
const hasUnits = (count) => count && count.units + count.stale.units > 0;

function staleChip(count, canRead) {
  if (!count.stale.units) return null;
  const beds = canRead && count.stale.figures.available !== null ? `, ${number(count.stale.figures.available)} lit(s) disponible(s) déclaré(s)` : '';
  return el('span', { class: 'stale-chip', title: `${count.stale.units} unité(s) périmée(s), comptée(s) à part${beds}` }, `◷ ${count.stale.units}`);
}

function figure(count, canRead) {
  if (!canRead) return el('span', { class: 'figure units-only' }, `${count.units + count.stale.units} u.`);
  const available = count.figures.available;
  return el('span', { class: 'figure' }, available ? number(available) : '');
}

function countCell(count, canRead, attributes, onClick, label) {
  const available = canRead ? count.figures.available : null;
  const tone = !canRead ? 'exists' : available ? `level-${level(available)}` : 'zero';
  const { class: extra, ...rest } = attributes;
  return el('td', { class: `cell ${tone}${extra ? ` ${extra}` : ''}`, ...rest },
    el('button', { type: 'button', title: label, onclick: onClick }, figure(count, canRead), staleChip(count, canRead)));
}

export function renderGrid(table, grid, { allDepartements, onCell }) {
  // Without "all", only the départements and regroupements that have units: the others would be grey from end to end.
  const canRead = grid.scope.figures.includes('available');
  const cells = new Map(grid.cells.map((c) => [key(c.departement, c.regroupement), c]));
  const withUnits = new Set(grid.cells.map((c) => c.departement));
  const used = new Set(grid.cells.map((c) => c.regroupement));
  const regroupements = grid.scope.regroupements.filter((r) => allDepartements || used.has(r.code));
  const departements = grid.scope.departements.filter((d) => allDepartements || withUnits.has(d.code));

  const head = el('thead', {}, el('tr', {},
    el('th', { class: 'corner', scope: 'col' }, 'Département'),
    regroupements.map((r) => el('th', { scope: 'col', 'data-regroupement': r.code, title: r.display }, el('span', {}, r.display))),
    el('th', { scope: 'col', class: 'total' }, 'Total')));

  const rows = departements.map((d) => el('tr', { 'data-departement': d.code },
    el('th', { scope: 'row' }, el('span', { class: 'code' }, d.code), ` ${d.name}`),
    regroupements.map((r) => {
      const cell = cells.get(key(d.code, r.code));
      if (!cell) return el('td', { class: 'cell absent', 'data-departement': d.code, 'data-regroupement': r.code, title: `${r.display} : aucune unité en ${d.name}` });
      return countCell(cell.count, canRead,
        { 'data-departement': d.code, 'data-regroupement': r.code, 'data-units': cell.count.units, 'data-stale-units': cell.count.stale.units },
        () => onCell({ departement: d, regroupement: r }), `${r.display}, ${d.name} : voir les unités`);
    }),
    hasUnits(grid.totals.departements[d.code])
      ? countCell(grid.totals.departements[d.code], canRead, { class: 'total', 'data-total-departement': d.code }, () => onCell({ departement: d }), `${d.name} : voir les unités`)
      : el('td', { class: 'cell absent total' })));

  const foot = el('tfoot', {}, el('tr', {},
    el('th', { scope: 'row' }, 'Total'),
    regroupements.map((r) => hasUnits(grid.totals.regroupements[r.code])
      ? countCell(grid.totals.regroupements[r.code], canRead, { 'data-total-regroupement': r.code }, () => onCell({ regroupement: r }), `${r.display} : voir les unités`)
      : el('td', { class: 'cell absent' })),
    countCell(grid.totals.all, canRead, { 'data-total-all': '' }, () => onCell({}), 'Toutes les unités')));

  const body = rows.length ? el('tbody', {}, rows)
    : el('tbody', {}, el('tr', {}, el('td', { class: 'empty', colspan: regroupements.length + 2 }, 'Aucune unité pour ces filtres.')));
  table.replaceChildren(head, body, foot);
}
