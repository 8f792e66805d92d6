// Loads the Handlebars templates (src/documents/templates/*.hbs), compiles each once in strict mode
// with the document helpers, and renders a document kind's HTML from data checked against its schema.
// Files starting with "_" are partials (layout, closing, statistics table). A template edited on disk
// is recompiled on its next use, so templates change without code changes or restarts.
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { DOCUMENT_KINDS, type DocumentKind } from './document-kinds.ts';
import { amountInFigures, chineseCapitalAmount, chineseDate, chineseDateTime, chineseOrdinal, formatCaseNumber, formatDocumentNumber, percent } from './formatting.ts';

export interface RenderedHtml {
  kind: DocumentKind;
  title: string;
  html: string;
  /** the version declared in the template plus a hash of the template and its partials */
  templateVersion: string;
  /** the validated data the document was rendered from */
  data: Record<string, unknown>;
  /** page orientation for both renderers */
  landscape: boolean;
}

const VERSION_LINE = /\{\{!--\s*template-version:\s*([^\s-][^\s]*)\s*--\}\}/;

/** Missing required data: the fields named in Chinese and English; the job fails with an incident. */
export class DocumentDataError extends InputError {}

function createHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  const escape = hb.Utils.escapeExpression;
  hb.registerHelper({
    cnDate: (value: string) => chineseDate(value),
    cnDateTime: (value: string) => chineseDateTime(value),
    cnAmount: (value: string | number) => chineseCapitalAmount(value),
    figures: (value: string | number) => amountInFigures(value),
    caseNo: (value: string) => formatCaseNumber(value),
    docNo: (value: string) => formatDocumentNumber(value),
    percent: (part: number, whole: number) => percent(part, whole),
    ordinal: (n: number) => chineseOrdinal(n),
    inc: (n: number) => Number(n) + 1,
    eq: (a: unknown, b: unknown) => a === b,
    kindTitle: (kind: DocumentKind) => DOCUMENT_KINDS[kind].title,
    // string concatenation for captions; the result is escaped like any other value
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    // user text with line breaks → one escaped <p> per non-empty line
    paragraphs: (value: string) =>
      new hb.SafeString(
        String(value)
          .split(/\r?\n+/)
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => `<p>${escape(line)}</p>`)
          .join('\n'),
      ),
  });
  return hb;
}

interface Compiled {
  template: Handlebars.TemplateDelegate;
  templateVersion: string;
}

export class TemplateRegistry {
  private hb = createHandlebars();
  private compiled = new Map<string, Compiled>();
  private stamp = '';

  constructor(readonly directory: string) {}

  /** mtimes of every .hbs file: a change recompiles everything (partials are shared) */
  private currentStamp(): string {
    return readdirSync(this.directory)
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((f) => `${f}:${statSync(path.join(this.directory, f)).mtimeMs}`)
      .join('|');
  }

  private load(): void {
    const stamp = this.currentStamp();
    if (stamp === this.stamp) return;
    this.hb = createHandlebars();
    this.compiled.clear();
    const files = readdirSync(this.directory).filter((f) => f.endsWith('.hbs')).sort();
    const partialHash = createHash('sha256');
    for (const file of files.filter((f) => f.startsWith('_'))) {
      const source = readFileSync(path.join(this.directory, file), 'utf8');
      partialHash.update(source);
      this.hb.registerPartial(file.replace(/\.hbs$/, ''), source);
    }
    const partialDigest = partialHash.digest('hex');
    for (const file of files.filter((f) => !f.startsWith('_'))) {
      const name = file.replace(/\.hbs$/, '');
      const source = readFileSync(path.join(this.directory, file), 'utf8');
      const declared = VERSION_LINE.exec(source)?.[1];
      if (!declared) throw new Error(`模板 ${file} 缺少版本声明 / template ${file} lacks "{{!-- template-version: x --}}"`);
      const digest = createHash('sha256').update(source).update(partialDigest).digest('hex').slice(0, 8);
      // strict: a field the template uses but the data lacks throws instead of printing nothing
      const template = this.hb.compile(source, { strict: true, preventIndent: true });
      this.compiled.set(name, { template, templateVersion: `${declared}+${digest}` });
    }
    this.stamp = stamp;
  }

  templateVersion(kind: DocumentKind): string {
    this.load();
    return this.get(kind).templateVersion;
  }

  private get(kind: DocumentKind): Compiled {
    const name = DOCUMENT_KINDS[kind].template;
    const compiled = this.compiled.get(name);
    if (!compiled) throw new Error(`没有文书模板 ${name}.hbs / no template ${name}.hbs in ${this.directory}`);
    return compiled;
  }

  /** Validates the data against the kind's schema and renders the HTML (strict: nothing half-filled). */
  render(kind: DocumentKind, input: unknown): RenderedHtml {
    this.load();
    const info = DOCUMENT_KINDS[kind];
    const parsed = info.schema.safeParse(input, {
      error: (issue) =>
        issue.input === undefined || issue.input === null ? '缺少必填数据 / required data is missing' : undefined,
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: ['documentData', ...i.path.map(String)].join('.'), message: i.message }));
      throw new DocumentDataError(issues, `文书「${info.title}」数据不完整 / document data for ${kind} is incomplete: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    }
    const compiled = this.get(kind);
    let html: string;
    try {
      html = compiled.template(parsed.data);
    } catch (error) {
      const message = (error as Error).message;
      // Handlebars strict mode: '"court" not defined in [object Object] - 4:12'
      const field = /"([^"]+)" not defined/.exec(message)?.[1];
      if (field) {
        throw new DocumentDataError(
          [{ field: `documentData.${field}`, message: '模板使用的数据缺失 / the template uses data that is missing' }],
          `文书「${info.title}」模板 ${info.template}.hbs 缺少数据「${field}」/ template ${info.template}.hbs: missing data "${field}" (${message})`,
        );
      }
      throw new Error(`文书「${info.title}」模板出错 / template ${info.template}.hbs failed: ${message}`);
    }
    return { kind, title: info.title, html, templateVersion: compiled.templateVersion, data: parsed.data, landscape: 'landscape' in info && info.landscape === true };
  }
}

const registries = new Map<string, TemplateRegistry>();

/** One registry per template directory for the process. */
export function templateRegistry(directory: string): TemplateRegistry {
  let registry = registries.get(directory);
  if (!registry) registries.set(directory, (registry = new TemplateRegistry(directory)));
  return registry;
}
