// Prints document HTML to PDF with Debian's Chromium through playwright-core: ONE browser per
// process, launched on first use and reused; at most `maxPages` render at once, each on a page of its
// own that is kept for the next render (setContent replaces the whole document) and closed after a
// minute unused. A new page costs a renderer process and a fresh load of the CJK fonts: under the
// chaos run's load the renderers' start-up was the largest CPU consumer of the deployment.
// A4 with GB/T 9704-2012 margins and "— 1 —" page numbers.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfRendererOptions {
  executablePath: string;
  maxPages?: number;
}

// GB/T 9704-2012: 天头 37mm, 订口 28mm; type area 156mm × 225mm on A4 → bottom 35mm, right 26mm.
export const PAGE_MARGINS = { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' };

// Page number: 4号 (14pt) Arabic numerals with a dash on each side, 7mm below the type area.
const FOOTER = `<div style="width:100%;font-family:'Noto Serif CJK SC',serif;font-size:14pt;text-align:center;margin-top:7mm;">— <span class="pageNumber"></span> —</div>`;

// Debian's Chromium, headless, with nothing that reaches the network or a GPU.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a page stays open with no render before it is closed (its renderer's memory freed). */
const IDLE_PAGE_MS = 60_000;

export class PdfRenderer {
  private context: Promise<BrowserContext> | null = null;
  private userDataDir: string | null = null;
  private active = 0;
  private waiting: (() => void)[] = [];
  /** pages free for the next render, with the timer that closes each when it stays unused */
  private idle: { page: Page; closer: NodeJS.Timeout }[] = [];
  private readonly maxPages: number;

  constructor(private readonly options: PdfRendererOptions) {
    this.maxPages = options.maxPages ?? 4;
  }

  /** Launches the one browser (a persistent context on a fresh user-data-dir) on first use. */
  private launch(): Promise<BrowserContext> {
    if (!this.context) {
      this.userDataDir = mkdtempSync(path.join(tmpdir(), 'yingsu-chromium-'));
      this.context = chromium
        .launchPersistentContext(this.userDataDir, { executablePath: this.options.executablePath, args: CHROMIUM_ARGS, headless: true })
        .then(async (context) => {
          // the blank page a persistent context opens with would hold a renderer for nothing
          await Promise.all(context.pages().map((page) => page.close()));
          // a crashed browser is replaced on the next render
          context.on('close', () => {
            this.context = null;
            this.dropIdlePages();
          });
          return context;
        })
        .catch((error: Error) => {
          this.context = null;
          throw new Error(`无法启动 Chromium / cannot launch Chromium at ${this.options.executablePath} (run "npx tsx scripts/setup.ts"): ${error.message}`);
        });
    }
    return this.context;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.maxPages) {
      this.active++;
      return;
    }
    // release() hands its slot straight to the next waiter
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  async render(html: string, options: { landscape?: boolean } = {}): Promise<Buffer> {
    const context = await this.launch();
    await this.acquire();
    let page: Page | null = null;
    let reusable = false;
    try {
      page = await this.takePage(context);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      const pdf = await page.pdf({
        format: 'A4',
        landscape: options.landscape === true,
        margin: PAGE_MARGINS,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER,
      });
      reusable = true;
      return pdf;
    } finally {
      // a page that failed is not trusted again
      if (page && reusable && !page.isClosed()) this.putBack(page);
      else await page?.close().catch(() => undefined);
      this.release();
    }
  }

  private async takePage(context: BrowserContext): Promise<Page> {
    for (let entry = this.idle.pop(); entry; entry = this.idle.pop()) {
      clearTimeout(entry.closer);
      if (!entry.page.isClosed()) return entry.page;
    }
    const page = await context.newPage();
    // the HTML is self-contained: nothing a template references may reach the network
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    return page;
  }

  private putBack(page: Page): void {
    const closer = setTimeout(() => {
      this.idle = this.idle.filter((e) => e.page !== page);
      page.close().catch(() => undefined);
    }, IDLE_PAGE_MS);
    closer.unref();
    this.idle.push({ page, closer });
  }

  private dropIdlePages(): void {
    for (const { closer } of this.idle) clearTimeout(closer);
    this.idle = [];
  }

  /** Renders a page already built (the benchmark's baseline: Chromium's own page.pdf()). */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const context = await this.launch();
    const page = await context.newPage();
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  /** pages the browser has open, rendering or kept for the next render */
  async openPages(): Promise<number> {
    return this.context ? (await this.context).pages().length : 0;
  }

  /** the browser's profile directory (a fresh one per launch); identifies its processes */
  get profileDirectory(): string | null {
    return this.userDataDir;
  }

  async close(): Promise<void> {
    this.dropIdlePages();
    const pending = this.context;
    this.context = null;
    if (pending) await (await pending.catch(() => null))?.close().catch(() => undefined);
    if (this.userDataDir) rmSync(this.userDataDir, { recursive: true, force: true });
    this.userDataDir = null;
  }
}

const renderers = new Map<string, PdfRenderer>();

/** The process's shared renderer for a Chromium path (one browser per process). */
export function sharedPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  let renderer = renderers.get(options.executablePath);
  if (!renderer) renderers.set(options.executablePath, (renderer = new PdfRenderer(options)));
  return renderer;
}

export async function closeSharedPdfRenderers(): Promise<void> {
  await Promise.all([...renderers.values()].map((r) => r.close()));
  renderers.clear();
}
