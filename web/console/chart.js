// An accessible horizontal bar chart in SVG (the same figures are given in a table beside it).
import { h } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

export function barChart(title, rows) {
  const bar = 26, labelWidth = 300, width = 720, top = 8;
  const most = Math.max(1, ...rows.map((row) => row.value));
  const chart = svg("svg", {
    class: "chart", role: "img", viewBox: `0 0 ${width} ${top + rows.length * bar + 8}`,
    "aria-labelledby": `chart-${title.length}-title`,
  });
  chart.append(svg("title", { id: `chart-${title.length}-title` },
    `${title} : ${rows.map((row) => `${row.label}, ${row.value}`).join(" ; ")}`));
  rows.forEach((row, index) => {
    const y = top + index * bar;
    const length = ((width - labelWidth - 50) * row.value) / most;
    chart.append(
      svg("text", { x: labelWidth - 8, y: y + 17, "text-anchor": "end" },
        row.label.length > 42 ? `${row.label.slice(0, 40)}…` : row.label),
      svg("rect", { x: labelWidth, y: y + 4, width: Math.max(length, 2), height: bar - 8, rx: 3 }),
      svg("text", { x: labelWidth + length + 6, y: y + 17 }, String(row.value)),
    );
  });
  const table = h("table", {},
    h("caption", { class: "sr-only" }, title),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Libellé"), h("th", { scope: "col" }, "Personnes"))),
    h("tbody", {}, rows.map((row) => h("tr", {}, h("td", {}, row.label), h("td", {}, row.value)))));
  const details = h("details", {}, h("summary", {}, `Voir les chiffres en tableau : ${title.toLowerCase()}`), table);
  return h("figure", { class: "card" }, h("figcaption", {}, h("strong", {}, title)), chart, details);
}
