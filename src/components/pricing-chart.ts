/**
 * The pricing calculator's chart (issue #15), with uPlot: the month's cost against the volume of calls for REST,
 * HTTP and WebSocket APIs, both axes on log scales. Imported only when the chart scrolls into view
 * (pricing-element.ts), so uPlot is not in the page's eager scripts. Colours are read from the page at each draw
 * (light and dark themes); the lines differ by dash as well as colour. A picture: the comparison table holds the
 * numbers at the reader's volume as text.
 */
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

/** One series: its label and its monthly costs in dollars (null where the type cannot carry the workload). */
export interface CostSeries {
  label: string;
  values: Array<number | null>;
}

export interface PricingChart {
  /** Redraws with the costs at each volume (calls per month), a vertical line at the reader's volume `marker`. */
  update(volumes: number[], series: CostSeries[], marker?: number): void;
  destroy(): void;
}

const COLORS = ['#d9480f', '#1c7ed6', '#2f9e44'];
const DASHES = [[], [8, 4], [2, 3]];
const HEIGHT = 260;

function addStyles(): void {
  if (document.querySelector('style[data-apigw-uplot]')) return;
  const style = document.createElement('style');
  style.dataset.apigwUplot = '';
  style.textContent = uplotCss;
  document.head.append(style);
}

/** 1e4 → "10K", 2.5e9 → "2.5B": the volume axis. */
export function shortNumber(n: number): string {
  for (const [div, suffix] of [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ] as const)
    if (n >= div) return `${+(n / div).toPrecision(3)}${suffix}`;
  return `${+n.toPrecision(3)}`;
}

/** A chart of cost against volume in `container`, sized to its width (phones included). */
export function createPricingChart(container: HTMLElement, title: string): PricingChart {
  addStyles();
  const width = () => Math.max(240, Math.floor(container.clientWidth || 600));
  const holder = document.createElement('div');
  holder.setAttribute('role', 'img');
  holder.setAttribute('aria-label', `${title}: a picture of the comparison; the table above gives the figures`);
  container.append(holder);
  let plot: uPlot | null = null;
  let labels: string[] = [];
  let marker: number | undefined;
  /** The reader's volume: a thin vertical line in the page's text colour. */
  const drawMarker = (u: uPlot) => {
    if (marker === undefined || marker <= 0) return;
    const x = Math.round(u.valToPos(marker, 'x', true));
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = getComputedStyle(container).color || '#888';
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  };
  const build = (series: CostSeries[]) => {
    plot?.destroy();
    labels = series.map((s) => s.label);
    const ink = getComputedStyle(container).color || '#888';
    const grid = { stroke: 'rgba(128,128,128,0.25)', width: 1 };
    const axis = { stroke: ink, grid, ticks: grid };
    plot = new uPlot(
      {
        width: width(),
        height: HEIGHT,
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [
          {
            ...axis,
            label: 'calls per month',
            labelSize: 20,
            values: (_u, ticks) => ticks.map((t) => (t == null ? '' : shortNumber(t))),
          },
          {
            ...axis,
            label: 'US$ per month',
            labelSize: 20,
            size: 56,
            // uPlot leaves out (null) the log scale's ticks with no room for a label.
            values: (_u, ticks) => ticks.map((t) => (t == null ? '' : `$${shortNumber(t)}`)),
          },
        ],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [drawMarker] },
        series: [
          { label: 'calls per month' },
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length],
            dash: DASHES[i % DASHES.length],
            width: 2,
            spanGaps: false,
          })),
        ],
      },
      [[], ...series.map(() => [])],
      holder,
    );
  };
  const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: HEIGHT }));
  resize.observe(container);
  let last: { volumes: number[]; series: CostSeries[] } | null = null;
  const draw = (volumes: number[], series: CostSeries[], rebuild: boolean) => {
    last = { volumes, series };
    if (rebuild || !plot || labels.join('\n') !== series.map((s) => s.label).join('\n')) build(series);
    // Log scales have no zero: a free month is drawn as a gap.
    const data = [volumes, ...series.map((s) => s.values.map((v) => (v !== null && v > 0 ? v : null)))];
    plot!.setData(data as uPlot.AlignedData);
  };
  // The axes take the page's text colour: redrawn when the reader switches between the light and dark themes.
  const theme = new MutationObserver(() => last && draw(last.volumes, last.series, true));
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    update(volumes, series, at) {
      marker = at;
      draw(volumes, series, false);
    },
    destroy() {
      theme.disconnect();
      resize.disconnect();
      plot?.destroy();
      container.replaceChildren();
    },
  };
}
