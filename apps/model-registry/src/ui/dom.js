// DOM helpers shared by every view. Every piece of data reaches the DOM through textContent
// (never innerHTML).

export const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
};

/** Builds an element: h('td', { className: 'num' }, '0.85'). Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function aliasBadges(aliases) {
  return aliases.map((alias) => h('span', { className: `badge alias alias-${alias}`, dataset: { alias } }, alias));
}

export function table(headers, rows, attrs = {}) {
  return h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      attrs,
      h('thead', {}, h('tr', {}, headers.map((th) => (th instanceof Node ? th : h('th', {}, th))))),
      h('tbody', {}, rows),
    ),
  );
}
