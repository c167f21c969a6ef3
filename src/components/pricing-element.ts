/**
 * <apigw-pricing> (PricingCalculator.astro): reads the form on every edit, prices it with `estimate()`
 * (src/pricing), and shows the itemised bill, the same workload on each API type and, once the chart scrolls into
 * view, the cost against volume (pricing-chart.ts and uPlot, imported then). The reader's entries are kept in
 * localStorage, so a reload does not lose them. Without JavaScript the page shows the static rates table only.
 *
 * Contract (e2e): data-ready once live; data-total holds the total shown.
 */
import {
  API_LABELS,
  API_TYPES,
  compare,
  estimate,
  formatUsd,
  logVolumes,
  toNumber,
  workloadOf,
  type ApiType,
  type EstimateInput,
} from '../pricing/index.js';
import {
  AWS_EXAMPLES,
  DEFAULT_FIELDS,
  exampleFields,
  inputFromFields,
  lineCells,
  PRICING_FIELDS,
  type PricingFields,
} from './pricing-form.js';

const STORAGE_KEY = 'apigw-pricing-v1';
/** The chart's volumes: 10 thousand to 100 billion calls a month, six points a decade. */
const VOLUMES = logVolumes(4, 11, 6);

type ChartModule = typeof import('./pricing-chart.js');
let chartModule: Promise<ChartModule> | null = null;
const loadChart = () => {
  chartModule ??= import('./pricing-chart.js');
  chartModule.catch(() => (chartModule = null));
  return chartModule;
};

/** `document.createElement` with text. */
const cell = (tag: 'td' | 'th', text: string, scope?: 'row') => {
  const c = document.createElement(tag);
  c.textContent = text;
  if (scope) c.scope = scope;
  return c;
};

class PricingElement extends HTMLElement {
  private form!: HTMLFormElement;
  private chart: import('./pricing-chart.js').PricingChart | null = null;
  private pending = 0;
  private lastInput: EstimateInput | null = null;

  connectedCallback(): void {
    if (this.hasAttribute('data-ready')) return;
    this.form = this.querySelector('form[data-form]')!;
    for (const el of this.querySelectorAll<HTMLElement>('[data-live]')) el.hidden = false;
    this.restore();
    this.form.addEventListener('input', () => this.changed());
    this.form.addEventListener('change', () => this.changed());
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.querySelector('[data-example]')?.addEventListener('change', (e) => {
      const select = e.target as HTMLSelectElement;
      const example = AWS_EXAMPLES.find((x) => x.id === select.value);
      if (example) this.fill(exampleFields(example));
      select.value = '';
      this.changed();
    });
    this.querySelector('[data-reset]')?.addEventListener('click', () => {
      this.fill(DEFAULT_FIELDS);
      this.changed();
    });
    this.watchChart();
    this.render();
    this.setAttribute('data-ready', '');
  }

  /** The form's values by name, disabled controls included (their values are kept for when they come back). */
  private fields(): PricingFields {
    const out: PricingFields = {};
    for (const name of PRICING_FIELDS) {
      let value = '';
      for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)) {
        if (control instanceof HTMLInputElement && control.type === 'radio') {
          if (control.checked) value = control.value;
        } else if (control instanceof HTMLInputElement && control.type === 'checkbox')
          value = control.checked ? 'on' : '';
        else value = control.value;
      }
      out[name] = value;
    }
    return out;
  }

  /** Puts `fields` into the form's controls. */
  private fill(fields: PricingFields): void {
    for (const name of PRICING_FIELDS) {
      const value = fields[name] ?? '';
      for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)) {
        if (control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox'))
          control.checked = control.type === 'radio' ? control.value === value : value === 'on';
        else control.value = value;
      }
    }
  }

  private restore(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as PricingFields | null;
      if (saved && typeof saved === 'object') this.fill({ ...DEFAULT_FIELDS, ...saved });
    } catch {
      // Nothing saved, or storage refused: the form's defaults stay.
    }
  }

  private changed(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.fields()));
    } catch {
      // Storage full or refused: the figures still update.
    }
    cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => this.render());
  }

  /** Shows the groups of fields the API type uses (the others keep their values). */
  private showGroups(api: ApiType, isPrivate: boolean): void {
    for (const group of this.querySelectorAll<HTMLElement>('[data-for]'))
      group.hidden = !group.dataset.for!.split(' ').includes(api);
    const azs = this.form.querySelector<HTMLInputElement>('[name="azs"]')!;
    azs.disabled = !isPrivate;
    const gb = this.form.querySelector<HTMLInputElement>('[name="dataTransferOutGB"]')!;
    gb.disabled = api === 'REST' && isPrivate;
  }

  private render(): void {
    const fields = this.fields();
    const api = (API_TYPES as string[]).includes(fields.api ?? '') ? (fields.api as ApiType) : 'REST';
    this.showGroups(api, fields.private === 'on');
    const error = this.querySelector<HTMLElement>('[data-error]')!;
    const total = this.querySelector<HTMLElement>('[data-total-text]')!;
    const body = this.querySelector<HTMLTableSectionElement>('[data-lines] tbody')!;
    const caption = this.querySelector<HTMLElement>('[data-lines] caption')!;
    const totalCell = this.querySelector<HTMLElement>('[data-lines] tfoot td')!;
    let input: EstimateInput;
    let result: ReturnType<typeof estimate>;
    try {
      input = inputFromFields(fields);
      result = estimate(input);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
      total.textContent = 'No estimate: correct the field named below.';
      this.removeAttribute('data-total');
      return;
    }
    error.hidden = true;
    error.textContent = '';
    caption.textContent = `Monthly estimate, ${API_LABELS[api]}`;
    body.replaceChildren(
      ...result.lines.map((line) => {
        const tr = document.createElement('tr');
        const [what, quantity, rate, cost] = lineCells(line);
        const th = cell('th', what, 'row');
        if (line.note) {
          const note = document.createElement('span');
          note.className = 'apigw-pricing-note';
          note.textContent = line.note;
          th.append(document.createElement('br'), note);
        }
        tr.append(th, cell('td', quantity), cell('td', rate), cell('td', cost));
        return tr;
      }),
    );
    const shown = formatUsd(result.total);
    totalCell.textContent = shown;
    total.textContent = `${API_LABELS[api]}: ${shown} a month`;
    this.setAttribute('data-total', shown);
    this.lastInput = input;
    this.renderComparison(input);
    this.drawChart();
  }

  private renderComparison(input: EstimateInput): void {
    const workload = workloadOf(input);
    const totals = compare(workload);
    const rows = this.querySelector<HTMLTableSectionElement>('[data-compare] tbody')!;
    const calls = workload.calls;
    this.querySelector<HTMLElement>('[data-compare] caption')!.textContent =
      `The same workload on each API type: ${calls.toLocaleString('en-US')} calls a month`;
    rows.replaceChildren(
      ...API_TYPES.map((api) => {
        const tr = document.createElement('tr');
        const value = totals[api];
        const perMillion =
          value && calls > 0 ? formatUsd({ num: value.num * 1_000_000n, den: value.den * BigInt(calls) }) : '—';
        tr.append(
          cell('th', API_LABELS[api] + (api === input.api ? ' (selected)' : ''), 'row'),
          cell('td', value ? formatUsd(value) : 'messages over 128 KB'),
          cell('td', perMillion),
        );
        return tr;
      }),
    );
  }

  /** Loads the chart when its figure first comes into view. */
  private watchChart(): void {
    const figure = this.querySelector<HTMLElement>('[data-chart]')!;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void loadChart()
        .then((m) => {
          const box = figure.querySelector<HTMLElement>('[data-chart-box]')!;
          this.chart = m.createPricingChart(
            box,
            (figure.querySelector('figcaption')!.textContent ?? 'Chart').replace(/\s+/g, ' ').trim(),
          );
          this.drawChart();
        })
        .catch(() => {
          figure.querySelector('[data-chart-box]')!.textContent = 'The chart could not be loaded.';
        });
    });
    observer.observe(figure);
  }

  private drawChart(): void {
    if (!this.chart || !this.lastInput) return;
    const workload = workloadOf(this.lastInput);
    const columns = API_TYPES.map(() => [] as Array<number | null>);
    for (const calls of VOLUMES) {
      let totals: ReturnType<typeof compare>;
      try {
        totals = compare(workload, calls);
      } catch {
        for (const column of columns) column.push(null);
        continue;
      }
      API_TYPES.forEach((api, i) => columns[i]!.push(totals[api] ? toNumber(totals[api]) : null));
    }
    this.chart.update(
      VOLUMES,
      API_TYPES.map((api, i) => ({ label: API_LABELS[api], values: columns[i]! })),
      workload.calls,
    );
  }
}

if (!customElements.get('apigw-pricing')) customElements.define('apigw-pricing', PricingElement);
