/** A tiny element builder: h('button', { class: 'x', onclick: fn }, 'text', child). */
export type Child = Node | string | number | null | undefined | false;

const PROPERTIES = new Set(['checked', 'disabled', 'indeterminate', 'multiple', 'selected', 'readOnly']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> | null = null,
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (name === 'class') element.className = String(value);
    else if (name === 'for') (element as HTMLLabelElement).htmlFor = String(value);
    // set after the children, so that a <select> finds its option
    else if (name === 'value') (element as HTMLInputElement).value = String(value);
    else if (PROPERTIES.has(name)) (element as unknown as Record<string, unknown>)[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  return element;
}

/** A safe id from any text. */
export function idOf(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A small padlock drawn in SVG (no emoji font needed); decorative. */
export function lockIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const shackle = document.createElementNS(ns, 'path');
  shackle.setAttribute('d', 'M5 7V5a3 3 0 0 1 6 0v2');
  shackle.setAttribute('fill', 'none');
  shackle.setAttribute('stroke', 'currentColor');
  shackle.setAttribute('stroke-width', '1.6');
  const body = document.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({
    x: '3',
    y: '7',
    width: '10',
    height: '8',
    rx: '1.5',
    fill: 'currentColor',
  }))
    body.setAttribute(k, v);
  svg.append(shackle, body);
  return svg;
}
