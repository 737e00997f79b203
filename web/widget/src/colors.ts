// The branch's colours, made readable: WCAG 2.1 asks a contrast of at least 4.5:1 for text.

const MINIMUM_CONTRAST = 4.5;
const FALLBACK_PRIMARY = "#0b5cad";
const WHITE = "#ffffff";
const INK = "#1a1a1a";

type Rgb = [number, number, number];

function parse(color: string): Rgb | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(parse(a) ?? [0, 0, 0]), luminance(parse(b) ?? [0, 0, 0])];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The colour darkened step by step until text in it reads on ``background``. */
function darkenedFor(color: string, background: string): string {
  let rgb = parse(color) ?? (parse(FALLBACK_PRIMARY) as Rgb);
  while (contrast(hex(rgb), background) < MINIMUM_CONTRAST) {
    rgb = rgb.map((c) => c * 0.9) as Rgb;
  }
  return hex(rgb);
}

export interface Palette {
  /** Background of the launcher, the header and the person's messages. */
  primary: string;
  /** Text on ``primary``. */
  onPrimary: string;
  /** ``primary`` as text or border on the white panel. */
  accent: string;
}

export function palette(colors: { primary: string; on_primary: string }): Palette {
  let primary = parse(colors.primary) ? colors.primary : FALLBACK_PRIMARY;
  let onPrimary = parse(colors.on_primary) ? colors.on_primary : WHITE;
  if (contrast(primary, onPrimary) < MINIMUM_CONTRAST) {
    onPrimary = contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK;
  }
  if (contrast(primary, onPrimary) < MINIMUM_CONTRAST) {
    onPrimary = WHITE;
    primary = darkenedFor(primary, WHITE);
  }
  return { primary, onPrimary, accent: darkenedFor(primary, WHITE) };
}
