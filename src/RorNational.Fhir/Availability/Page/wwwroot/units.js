// The drawer that lists the units of a cell (GET /api/availability/units): establishment,
// phone when the profile may read it, the figures it may read, and how fresh each unit is.
import { FIGURES, age, date, el, number } from './format.js';

/** A French ten-digit number in pairs (04 74 45 42 10); any other as it is. */
function phone(value) {
  const digits = value.replace(/[\s.]/g, '');
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : value;
}

function figures(unit, visible) {
  return el('dl', { class: 'figures' }, visible.filter((f) => unit.figures[f] !== null && unit.figures[f] !== undefined).map((f) =>
    el('div', { class: f === 'available' ? 'main' : null, 'data-figure': f }, el('dt', {}, FIGURES[f] || f), el('dd', {}, number(unit.figures[f])))));
}

function unitCard(unit, visible, regroupements, departements) {
  const stale = unit.stale;
  return el('li', { class: `unit${stale ? ' stale' : ''}`, 'data-unit': unit.unitId },
    el('div', { class: 'unit-head' },
      el('div', {},
        el('h3', {}, unit.name),
        el('p', { class: 'establishment' }, unit.egName, ' ', el('span', { class: 'muted' }, `FINESS ${unit.egFiness}`)),
        el('p', { class: 'muted small' }, `${regroupements.get(unit.regroupement) || unit.regroupement} · ${departements.get(unit.departement) || unit.departement}`)),
      el('span', { class: `freshness${stale ? ' stale' : ''}`, title: unit.lastUpdate ? `capacityUpdateDate : ${date(unit.lastUpdate)}` : 'jamais mise à jour' },
        stale ? '◷ périmée · ' : '', age(unit.ageHours))),
    unit.phone ? el('p', { class: 'phone' }, '☎ ', el('a', { href: `tel:${unit.phone.replace(/\s+/g, '')}` }, phone(unit.phone))) : null,
    figures(unit, visible));
}

export function renderUnits(body, answer, { regroupements, departements }) {
  const visible = answer.scope.figures;
  const byAvailability = (a, b) => (a.stale - b.stale) || ((b.figures.available ?? -1) - (a.figures.available ?? -1)) || a.name.localeCompare(b.name, 'fr');
  const sorted = [...answer.units].sort(byAvailability);
  const fresh = sorted.filter((u) => !u.stale);
  const stale = sorted.filter((u) => u.stale);
  body.replaceChildren(...[
    el('p', { class: 'muted small' }, `${fresh.length} unité(s) à jour, ${stale.length} périmée(s) · calculé à ${date(answer.computedAt)}`,
      visible.length ? null : ' · ce profil ne voit pas les chiffres de capacité'),
    fresh.length ? el('ul', { class: 'units' }, fresh.map((u) => unitCard(u, visible, regroupements, departements))) : el('p', { class: 'empty' }, 'Aucune unité à jour.'),
    stale.length ? el('h3', { class: 'apart' }, `Périmées (plus de ${answer.scope.staleAfterHours} h, ou jamais mises à jour), comptées à part`) : null,
    stale.length ? el('ul', { class: 'units' }, stale.map((u) => unitCard(u, visible, regroupements, departements))) : null,
  ].filter(Boolean));
}
