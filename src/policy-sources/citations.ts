// Citation builders for the seed policies and the national texts, shared by the hearing, judgment,
// performance, loss-analysis and recommendation rules. The deadline rules (profiles/*.yaml)
// use the same Citation shape, so every rule in the product cites its source the same way.
import { citationText, type Citation } from '../deadlines/rules.ts';

export type { Citation };
export { citationText };

export const ALL = '《中华人民共和国行政诉讼法》';
export const INTERP = '《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》（法释〔2018〕1号）';
export const HEAD_PROVISIONS = '《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》（法释〔2020〕3号）';
export const CPL = '《中华人民共和国民事诉讼法》';

export const SEED_FILES = {
  yantai: '000_7288109d50e53de4.txt',
  hunan: '001_43aff403179c4a24.txt',
  liaocheng: '002_963c834d180c3dcb.txt',
  tengzhou: '003_0e14abe5e5e19f52.txt',
  jinghai: '004_b8935aaaa4c0ff62.txt',
} as const;

const SEED_DOCS = {
  yantai: '烟台市人民政府办公室关于改进和加强行政应诉工作的意见（烟政办发〔2017〕16号）',
  hunan: '湖南省人民政府办公厅关于加强和改进行政应诉工作的实施意见（湘政办发〔2017〕9号）',
  liaocheng: '聊城市行政应诉工作管理办法',
  tengzhou: '滕州市人民政府办公室关于进一步做好全市行政诉讼和行政机关负责人出庭应诉工作的通知',
  jinghai: '天津市静海区关于落实《天津市人民政府办公厅关于加强和改进行政应诉工作的实施意见》的实施方案',
} as const;

const seed = (key: keyof typeof SEED_FILES) => (article: string, note?: string): Citation => ({
  file: SEED_FILES[key],
  document: SEED_DOCS[key],
  article,
  ...(note ? { note } : {}),
});

export const yt = seed('yantai');
export const hn = seed('hunan');
export const lc = seed('liaocheng');
export const tz = seed('tengzhou');
export const jh = seed('jinghai');
export const law = (document: string, article: string, note?: string): Citation => ({ document, article, ...(note ? { note } : {}) });

/** A rule outcome with its reason in Chinese and the source it rests on. */
export interface Reason {
  /** stable rule code (also the DMN rule id for head appearance) */
  code: string;
  /** Chinese explanation for the user */
  text: string;
  /** "002_963c834d180c3dcb.txt 第二十二条第一款第（一）项（聊城市行政应诉工作管理办法）" */
  source: string;
  citation: Citation;
}

export function reason(code: string, text: string, citation: Citation): Reason {
  return { code, text, source: citationText(citation), citation };
}

/**
 * Reasons as one line for a form or a message: "text（source）；text（source）". Was the FEEL
 * `string join(for r in reasons return r.text + "（" + r.source + "）", "；")` of the hearing diagram.
 */
export function reasonsText(reasons: readonly { text: string; source: string }[]): string {
  return reasons.map((r) => `${r.text}（${r.source}）`).join('；');
}
