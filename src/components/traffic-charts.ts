/**
 * The Traffic panel's live charts (issue #12), with uPlot: requests per second by status (2xx, 4xx other than 429,
 * 429, 5xx), the gateway's latency percentiles (p50, p90, p99) and the stage cache's hits and misses per second. This
 * module (and uPlot with it) is imported only when the reader starts traffic (traffic-panel.ts). Colours are read
 * from the page (Starlight's light and dark themes) at each draw; the charts follow their container's width (phones
 * included). They are pictures: the table beside them (traffic-panel.ts) holds the same numbers as text.
 */
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import type { TrafficSeries } from './traffic-table.js';

/** The series' colours: distinguishable on light and dark backgrounds (and by their labels in the legend). */
export const TRAFFIC_COLORS = {
  '2xx': '#2f9e44',
  '4xx': '#e8890c',
  '429': '#e03131',
  '5xx': '#9c36b5',
  p50: '#1c7ed6',
  p90: '#e8890c',
  p99: '#e03131',
  hits: '#2f9e44',
  misses: '#868e96',
} as const;

export interface TrafficCharts {
  /** Redraws every chart with the series (seconds since the start on x). */
  update(series: TrafficSeries): void;
  destroy(): void;
}

function addStyles(): void {
  if (document.querySelector('style[data-apigw-uplot]')) return;
  const style = document.createElement('style');
  style.dataset.apigwUplot = '';
  style.textContent = uplotCss;
  document.head.append(style);
}

/** One chart's definition: its title, y axis label and series (label, colour, the column of the data). */
interface ChartSpec {
  title: string;
  unit: string;
  series: Array<{ label: string; color: string; values: (s: TrafficSeries) => Array<number | null> }>;
}

const CHARTS: ChartSpec[] = [
  {
    title: 'Requests per second by status',
    unit: 'requests/s',
    series: [
      { label: '2xx', color: TRAFFIC_COLORS['2xx'], values: (s) => s.ok },
      { label: '4xx (not 429)', color: TRAFFIC_COLORS['4xx'], values: (s) => s.clientErrors },
      { label: '429 throttled', color: TRAFFIC_COLORS['429'], values: (s) => s.throttled },
      { label: '5xx', color: TRAFFIC_COLORS['5xx'], values: (s) => s.serverErrors },
    ],
  },
  {
    title: 'Latency (ms)',
    unit: 'ms',
    series: [
      { label: 'p50', color: TRAFFIC_COLORS.p50, values: (s) => s.p50 },
      { label: 'p90', color: TRAFFIC_COLORS.p90, values: (s) => s.p90 },
      { label: 'p99', color: TRAFFIC_COLORS.p99, values: (s) => s.p99 },
    ],
  },
  {
    title: 'Cache hits and misses per second',
    unit: 'requests/s',
    series: [
      { label: 'hits', color: TRAFFIC_COLORS.hits, values: (s) => s.cacheHits },
      { label: 'misses', color: TRAFFIC_COLORS.misses, values: (s) => s.cacheMisses },
    ],
  },
];

const HEIGHT = 180;

/** The page's text colour where the charts are (Starlight sets it per theme). */
const inkOf = (el: HTMLElement) => getComputedStyle(el).color || '#888';

/** Charts in `container` (a figure each, its caption the chart's title), sized to it. */
export function createTrafficCharts(container: HTMLElement): TrafficCharts {
  addStyles();
  const width = () => Math.max(240, Math.floor(container.clientWidth || 600));
  const plots: Array<{ plot: uPlot; spec: ChartSpec }> = [];
  for (const spec of CHARTS) {
    const figure = document.createElement('figure');
    figure.className = 'sb-traffic-chart';
    const caption = document.createElement('figcaption');
    caption.textContent = spec.title;
    const holder = document.createElement('div');
    // A picture of the table's numbers: named for assistive technology, which reads the table.
    holder.setAttribute('role', 'img');
    holder.setAttribute('aria-label', `${spec.title}: chart of the numbers in the table below`);
    figure.append(caption, holder);
    container.append(figure);
    const ink = inkOf(container);
    const grid = { stroke: 'rgba(128,128,128,0.25)', width: 1 };
    const axis = { stroke: ink, grid, ticks: grid };
    const plot = new uPlot(
      {
        width: width(),
        height: HEIGHT,
        scales: { x: { time: false } },
        axes: [
          // Whole seconds on x.
          { ...axis, label: 'second', labelSize: 20, incrs: [1, 2, 5, 10, 15, 30] },
          { ...axis, label: spec.unit, labelSize: 20, size: 50 },
        ],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        series: [
          { label: 'second' },
          ...spec.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            spanGaps: false,
            points: { show: true, size: 5, fill: s.color },
          })),
        ],
      },
      [[], ...spec.series.map(() => [])],
      holder,
    );
    plots.push({ plot, spec });
  }
  // The charts follow the container's width (a phone's, a rotated screen).
  const resize = new ResizeObserver(() => {
    for (const { plot } of plots) plot.setSize({ width: width(), height: HEIGHT });
  });
  resize.observe(container);
  return {
    update(series) {
      for (const { plot, spec } of plots)
        plot.setData([series.seconds, ...spec.series.map((s) => s.values(series))] as uPlot.AlignedData);
    },
    destroy() {
      resize.disconnect();
      for (const { plot } of plots) plot.destroy();
      container.replaceChildren();
    },
  };
}
