// Turns the same HTML the PDF is printed from into a native, editable Word document (docx library):
// real paragraphs with Chinese fonts, real tables, A4 with GB/T 9704-2012 margins and a "— PAGE —"
// footer field. The templates use a small HTML vocabulary (listed in SUPPORTED below); anything
// else fails loudly, so a template edit that the DOCX cannot represent is caught by the tests.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const SUPPORTED = 'h1 h2 h3 p hr table caption thead tbody tr th td strong b br span';

const mm = (value: number) => Math.round((value / 25.4) * 1440); // twips

// Fonts Word/WPS on a Chinese Windows have; GB/T 9704: body 仿宋 3号, title 小标宋 2号, headings 黑体/楷体.
const FONT = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' },
  title: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
  heading: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' },
  kai: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体' },
};
const SIZE = { body: 32, title: 44, issuer: 60, caption: 28, table: 24, tableWide: 21, footer: 28 }; // half-points
const LINE = 578; // 28.9pt: 22 lines in the 225mm type area
const INDENT_2_CHARS = 640; // two 16pt characters
const TEXT_WIDTH = { portrait: mm(156), landscape: mm(297 - 28 - 26) };

type RunStyle = Omit<IRunOptions, 'text' | 'children'>;

function classes(el: Element): Set<string> {
  return new Set((el.attribs.class ?? '').split(/\s+/).filter(Boolean));
}

function elementChildren(node: { children: ChildNode[] }): Element[] {
  return node.children.filter((c): c is Element => c.type === 'tag');
}

function unsupported(el: Element): Error {
  return new Error(`DOCX 不支持模板中的 <${el.name}> / the DOCX renderer supports only: ${SUPPORTED}`);
}

/** Inline content → runs; whitespace from the template's line breaks collapses as in HTML. */
function runs(nodes: ChildNode[], style: RunStyle): TextRun[] {
  const out: TextRun[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.data.replace(/\s+/g, ' ');
      if (text.trim() || (text === ' ' && out.length)) out.push(new TextRun({ ...style, text }));
    } else if (node.type === 'tag') {
      if (node.name === 'br') out.push(new TextRun({ ...style, text: '', break: 1 }));
      else if (node.name === 'strong' || node.name === 'b') out.push(...runs(node.children, { ...style, bold: true }));
      else if (node.name === 'span') out.push(...runs(node.children, style));
      else throw unsupported(node);
    }
  }
  // trim the whitespace the template's indentation leaves at both ends
  return out;
}

function paragraph(el: Element): Paragraph {
  const cls = classes(el);
  const base: IParagraphOptions = { spacing: { line: LINE, lineRule: LineRuleType.EXACT } };
  let style: RunStyle = { font: FONT.body, size: SIZE.body };
  let options: IParagraphOptions = { ...base, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT_2_CHARS } };

  if (el.name === 'h1') {
    style = { font: FONT.title, size: SIZE.title, bold: true };
    options = { alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT, after: LINE } };
  } else if (el.name === 'h2') {
    style = { font: FONT.heading, size: SIZE.body };
  } else if (el.name === 'h3') {
    style = { font: FONT.kai, size: SIZE.body, bold: true };
  } else if (cls.has('issuer')) {
    style = { font: FONT.title, size: SIZE.issuer, bold: true, color: 'C00000' };
    options = { alignment: AlignmentType.CENTER, spacing: { before: 240, line: 800, lineRule: LineRuleType.EXACT } };
  } else if (cls.has('document-number') || cls.has('center') || cls.has('subtitle')) {
    options = { ...base, alignment: AlignmentType.CENTER };
    if (cls.has('document-number')) options = { ...options, spacing: { ...base.spacing, before: LINE } };
    if (cls.has('subtitle')) style = { ...style, font: FONT.kai };
  } else if (cls.has('right')) {
    options = { ...base, alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS } };
  } else if (cls.has('no-indent')) {
    options = { ...base, alignment: AlignmentType.JUSTIFIED };
  }
  if (cls.has('spaced')) options = { ...options, spacing: { ...options.spacing, before: LINE } };
  // a heading stays with the paragraph after it (no heading alone at the foot of a page)
  if (el.name !== 'p') options = { ...options, keepNext: true };
  return new Paragraph({ ...options, children: runs(el.children, style) });
}

function redRule(): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: LINE },
    border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: 'C00000', space: 1 } },
    children: [],
  });
}

function table(el: Element, textWidth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const rows: Element[] = [];
  let headerRows = 0;
  for (const child of elementChildren(el)) {
    if (child.name === 'caption') {
      out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 80 }, keepNext: true, children: runs(child.children, { font: FONT.heading, size: SIZE.caption }) }));
    } else if (child.name === 'thead') {
      const head = elementChildren(child).filter((r) => r.name === 'tr');
      headerRows += head.length;
      rows.push(...head);
    } else if (child.name === 'tbody') rows.push(...elementChildren(child).filter((r) => r.name === 'tr'));
    else if (child.name === 'tr') rows.push(child);
    else throw unsupported(child);
  }
  const columns = Math.max(...rows.map((r) => elementChildren(r).length));
  const wide = classes(el).has('wide');
  const size = wide ? SIZE.tableWide : SIZE.table;
  // narrow columns (序号, 页数 …) get one share, the others three
  const header = rows[0] ? elementChildren(rows[0]) : [];
  const shares = Array.from({ length: columns }, (_, i) => (header[i] && classes(header[i]!).has('narrow') ? 1 : 3));
  const total = shares.reduce((a, b) => a + b, 0);
  const columnWidths = shares.map((s) => Math.floor((textWidth * s) / total));
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  out.push(
    new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: rows.map(
        (tr, rowIndex) =>
          new TableRow({
            tableHeader: rowIndex < headerRows,
            cantSplit: true,
            children: elementChildren(tr).map((cell, i) => {
              if (cell.name !== 'th' && cell.name !== 'td') throw unsupported(cell);
              const isHeader = cell.name === 'th';
              const centered = isHeader || classes(cell).has('num');
              return new TableCell({
                width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
                verticalAlign: VerticalAlign.CENTER,
                margins: { left: 60, right: 60, top: 30, bottom: 30 },
                children: [
                  new Paragraph({
                    alignment: centered ? AlignmentType.CENTER : AlignmentType.LEFT,
                    children: runs(cell.children, { font: isHeader ? FONT.heading : FONT.body, size }),
                  }),
                ],
              });
            }),
          }),
      ),
    }),
  );
  return out;
}

function blocks(nodes: ChildNode[], textWidth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data.trim()) throw new Error(`DOCX: 段落外的文字 / text outside a paragraph in the template: "${node.data.trim().slice(0, 40)}"`);
      continue;
    }
    if (node.type !== 'tag') continue; // comments
    if (['h1', 'h2', 'h3', 'p'].includes(node.name)) out.push(paragraph(node));
    else if (node.name === 'hr') out.push(redRule());
    else if (node.name === 'table') out.push(...table(node, textWidth));
    else throw unsupported(node);
  }
  return out;
}

/** Renders the document HTML (the <main class="document"> part) to a .docx buffer. */
export async function renderDocx(html: string, meta: { title: string; creator?: string; landscape?: boolean }): Promise<Buffer> {
  const dom = parseDocument(html);
  const find = (nodes: ChildNode[]): Element | undefined => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      if (n.name === 'main') return n;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const main = find(dom.children);
  if (!main) throw new Error('DOCX: 模板缺少 <main class="document"> / the template has no <main> element');

  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? '行政应诉系统',
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            // portrait dimensions; the docx library swaps them for landscape
            size: { width: mm(210), height: mm(297), orientation: meta.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(21) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: SIZE.footer })],
              }),
            ],
          }),
        },
        children: blocks(main.children, meta.landscape ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
