// Display helpers: French number and date formats, figure names.
export const FIGURES = {
  available: 'Disponibles',
  installed: 'Installés',
  closed: 'Fermés',
  closedReactivable: 'Fermés réactivables',
  supplementary: 'Supplémentaires',
  forecast24h: 'Prévus à 24 h',
};

const numberFormat = new Intl.NumberFormat('fr-FR');
const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const number = (value) => (value === null || value === undefined ? '–' : numberFormat.format(value));
export const time = (iso) => timeFormat.format(new Date(iso));
export const date = (iso) => dateFormat.format(new Date(iso));

/** An age in hours as "il y a 2 h 05", "il y a 3 j". */
export function age(hours) {
  if (hours === null || hours === undefined) return 'jamais mise à jour';
  if (hours < 1 / 60) return "à l'instant";
  if (hours < 1) return `il y a ${Math.round(hours * 60)} min`;
  if (hours < 48) {
    const whole = Math.floor(hours);
    const minutes = Math.round((hours - whole) * 60);
    return `il y a ${whole} h ${String(minutes).padStart(2, '0')}`;
  }
  return `il y a ${Math.round(hours / 24)} j`;
}

/** An element with attributes and children; strings become text (never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** The colour class of a count of available beds: none, low, some, many. */
export function level(available) {
  if (available === null || available === undefined) return 'unknown';
  if (available === 0) return 'none';
  if (available <= 2) return 'low';
  if (available <= 5) return 'some';
  if (available <= 10) return 'many';
  return 'plenty';
}
