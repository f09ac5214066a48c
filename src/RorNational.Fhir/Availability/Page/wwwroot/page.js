// The availability page: asks for a token, reads the grid with the filters, draws the map and
// the grid, lists a cell's units on click, and refetches whenever the live stream says
// "changed" (at most one fetch at a time; a change during a fetch makes one more).
import { Unauthorized, grid as fetchGrid, token, units as fetchUnits } from './api.js';
import { number, time } from './format.js';
import { renderGrid } from './grid.js';
import { follow } from './live.js';
import { loadShapes, renderLegend, renderMap } from './map.js';
import { renderUnits } from './units.js';

const $ = (id) => document.getElementById(id);
const state = { filters: { departement: '', regroupement: '', freshness: '' }, grid: null, names: new Map(), regroupements: new Map(), open: null, stop: null };
let inFlight = null;
let again = false;

function filtersFrom(form) {
  return { departement: form.departement.value, regroupement: form.regroupement.value, freshness: form.freshness.value };
}

const form = {
  get departement() { return $('filter-departement'); },
  get regroupement() { return $('filter-regroupement'); },
  get freshness() { return $('filter-freshness'); },
};

function showMessage(text) {
  $('message').textContent = text || '';
  $('message').hidden = !text;
}

function fillOptions(select, entries, label) {
  const current = select.value;
  select.replaceChildren(new Option('Tous', ''), ...entries.map((e) => new Option(label(e), e.code)));
  if (current && ![...select.options].some((o) => o.value === current)) select.append(new Option(current, current));
  select.value = current;
}

/** The names seen in any answer, for the drawer and the map. */
function learn(grid) {
  for (const d of grid.scope.departements) state.names.set(d.code, d.name);
  for (const r of grid.scope.regroupements) state.regroupements.set(r.code, r.display);
}

/** The filter lists, once, from an answer without filter on place or regroupement (every département and regroupement in scope). */
async function fillLists(grid) {
  if (state.listed) return;
  const all = state.filters.departement || state.filters.regroupement ? await fetchGrid({}) : grid;
  learn(all);
  fillOptions(form.departement, all.scope.departements, (d) => `${d.code} · ${d.name}`);
  fillOptions(form.regroupement, all.scope.regroupements, (r) => r.display);
  state.listed = true;
}

function renderKpis(grid) {
  const canRead = grid.scope.figures.includes('available');
  const all = grid.totals.all;
  $('kpi-available').textContent = canRead ? number(all.figures.available ?? 0) : 'non visible';
  $('kpi-installed').textContent = grid.scope.figures.includes('installed') ? number(all.figures.installed ?? 0) : 'non visible';
  $('kpi-units').textContent = number(all.units);
  $('kpi-stale').textContent = number(all.stale.units);
  $('kpi-stale-hint').textContent = `plus de ${grid.scope.staleAfterHours} h, comptées à part`;
  $('kpi-units-hint').textContent = grid.scope.filter.freshnessHours ? `mises à jour depuis moins de ${grid.scope.filter.freshnessHours} h` : 'dans le périmètre';
  $('computed-at').textContent = `Calculé à ${time(grid.computedAt)}`;
  $('profile').textContent = `Profil ${grid.scope.profile}`;
  $('profile').hidden = false;
}

function render() {
  const grid = state.grid;
  renderKpis(grid);
  renderGrid($('grid'), grid, { allDepartements: $('filter-all-departements').checked, onCell: openUnits });
  renderMap($('map'), grid, state.names, { selected: state.filters.departement, onSelect: selectDepartement });
  renderLegend($('legend'), grid.scope.figures.includes('available'));
  document.body.dataset.computedAt = grid.computedAt;
}

async function refresh() {
  if (inFlight) { again = true; return inFlight; }
  inFlight = (async () => {
    try {
      const [grid] = await Promise.all([fetchGrid(state.filters), loadShapes()]);
      state.grid = grid;
      learn(grid);
      await fillLists(grid);
      render();
      if (state.open) await loadUnits(state.open);
      showMessage('');
    } catch (error) {
      if (error instanceof Unauthorized) refused(error.refused, error.message);
      else showMessage(`Impossible de lire la disponibilité : ${error.message}`);
    }
  })();
  await inFlight;
  inFlight = null;
  if (again) { again = false; await refresh(); }
}

function selectDepartement(code) {
  form.departement.value = state.filters.departement === code ? '' : code;
  onFilters();
}

function onFilters() {
  state.filters = filtersFrom(form);
  // The address keeps the filters, so that a view can be bookmarked or shared.
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(state.filters)) if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
  history.replaceState(null, '', url);
  refresh();
}

/** The filters of the address (?departement=01&regroupement=rea-adulte&freshness=6), as the page starts. */
function filtersFromAddress() {
  const params = new URLSearchParams(location.search);
  const freshness = params.get('freshness') || '';
  if (freshness && ![...form.freshness.options].some((o) => o.value === freshness)) form.freshness.append(new Option(`Moins de ${freshness} h`, freshness));
  for (const name of ['departement', 'regroupement']) {
    const value = params.get(name) || '';
    if (value && ![...form[name].options].some((o) => o.value === value)) form[name].append(new Option(value, value));
    form[name].value = value;
  }
  form.freshness.value = freshness;
  state.filters = filtersFrom(form);
}

async function loadUnits(open) {
  const answer = await fetchUnits({ ...state.filters, ...open.filters });
  renderUnits($('units-body'), answer, { regroupements: state.regroupements, departements: state.names });
}

async function openUnits({ departement, regroupement }) {
  const filters = {};
  if (departement) filters.departement = departement.code;
  if (regroupement) filters.regroupement = regroupement.code;
  const title = [regroupement && regroupement.display, departement && `${departement.code} ${departement.name}`].filter(Boolean).join(' · ') || 'Toutes les unités';
  state.open = { filters, title };
  $('units-title').textContent = title;
  $('units-body').replaceChildren();
  $('units').hidden = false;
  $('units').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  try {
    await loadUnits(state.open);
  } catch (error) {
    if (error instanceof Unauthorized) refused(error.refused, error.message);
    else $('units-body').textContent = `Impossible de lire les unités : ${error.message}`;
  }
}

function setLive(mode) {
  const texts = { on: 'En direct', reconnecting: 'Reconnexion…', off: 'Hors ligne' };
  $('live').dataset.state = mode;
  $('live-text').textContent = texts[mode];
}

function startLive() {
  if (state.stop) state.stop();
  state.stop = follow({ onChange: refresh, onState: setLive, onUnauthorized: (used) => refused(used, 'Le jeton a expiré ou a été refusé.') });
}

/** A 401 asks for a new token, unless the refused token is no longer the one in use (an answer to an older request). */
function refused(used, reason) {
  if (used === token.get()) askToken(reason);
}

function askToken(reason) {
  if (state.stop) { state.stop(); state.stop = null; }
  $('token-error').textContent = reason || '';
  $('token-error').hidden = !reason;
  $('token-input').value = '';
  if (!$('token-dialog').open) $('token-dialog').showModal();
}

function start(value) {
  token.set(value);
  $('token-dialog').close();
  refresh();
  startLive();
}

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) { $('token-error').textContent = 'Collez un jeton, ou choisissez l\'accès sans jeton.'; $('token-error').hidden = false; return; }
    start(value);
  });
  $('token-anonymous').addEventListener('click', () => start(''));
  $('change-token').addEventListener('click', () => { token.clear(); askToken(''); });
  for (const select of [form.departement, form.regroupement, form.freshness]) select.addEventListener('change', onFilters);
  $('filter-all-departements').addEventListener('change', () => state.grid && render());
  filtersFromAddress();
  $('units-close').addEventListener('click', () => { state.open = null; $('units').hidden = true; });
  // Ages and staleness move with time even when no data change: refetch every minute.
  setInterval(() => { if (token.get() !== null && !document.hidden) refresh(); }, 60000);
  if (token.get() === null) askToken('');
  else { refresh(); startLive(); }
});
