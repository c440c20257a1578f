// The core's result warnings come as English text (they are part of the
// `tally --json` shape, byte for byte the same natively and in wasm). This
// table gives their Chinese for the demo, as `yishi tally --lang zh` does;
// wasm/tests/warnings.test.mjs checks that every warning the conformance
// cases produce has its line here and that every line is used.

const PARTIES_ZH = {
  party_branch: '社区党组织',
  residents_committee: '居民委员会',
  owners_committee: '业主委员会',
  property_company: '物业服务企业',
  owner_representatives: '业主代表',
};

/** [English template, Chinese]; `{}` where a value goes, in the same order. */
export const WARNINGS_ZH = [
  ['the assembly was noticed {} s before voting opened, less than the 15 days of Reg. 14',
    '业主大会会议在开始表决前 {} 秒公告，少于《物业管理条例》第十四条规定的 15 日'],
  ['the committee sits with {} members; the Guidance Rules (Arts. 31-39) provide for 5 to 11, an odd number',
    '业主委员会有 {} 名委员；《业主大会和业主委员会指导规则》规定为 5 至 11 人的单数'],
  ['"{}" represents both {} and {}', '“{}”同时代表{}和{}'],
  ['the meeting was convened at {}, after voting opened', '会议于 {} 召集，晚于开始表决时间'],
  ['{} ballot(s) of this meeting were voided, {} of them after voting closed',
    '本次会议有 {} 张表决票被作废，其中 {} 张在表决截止后作废'],
  ['{} online ballot(s) were replaced by paper ballots entered by the organiser',
    '{} 张线上表决票被组织者录入的纸质表决票取代'],
  ['voting was closed before closes_at', '表决在预定截止时间之前结束'],
  ['{} ballot(s) from members not recorded as present were not counted', '{} 张未登记出席者的表决票未计入'],
  ['{} objection(s) from owners outside the protected group were recorded but do not count',
    '{} 名受保护群体以外业主的异议已记录，但不计入'],
  ['{} objection(s) on a motion without an objection_block were recorded but do not count',
    '{} 名业主对未设异议保护的议题提出异议，已记录，但不计入'],
  ['the unanimity group is empty: it holds on 0 of 0', '须一致同意的业主群体为空：按 0/0 视为满足'],
  ['the objection_block group is empty: nothing can block', '受保护业主群体为空：无人能够阻止'],
  ['non_voters: follow_majority (指导规则 Art. 26) is in the rules; its validity under Civil Code Art. 278 is disputed',
    '议事规则采用“未表决者计入多数”（指导规则第二十六条）；此计法是否符合《民法典》第二百七十八条存在争议'],
];

/** The values `text` puts where `template` has `{}`, or null when it does not follow it. */
export function fill(template, text) {
  const parts = template.split('{}');
  if (!text.startsWith(parts[0])) return null;
  let rest = text.slice(parts[0].length);
  const values = [];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    let end;
    if (i === parts.length - 1) {
      if (!rest.endsWith(part)) return null;
      end = rest.length - part.length;
    } else {
      end = rest.indexOf(part);
      if (end < 0) return null;
    }
    values.push(rest.slice(0, end));
    rest = rest.slice(end + part.length);
  }
  // The last literal took the text's end; without `{}`, the prefix must be all of it.
  return rest === '' ? values : null;
}

/** A warning in Chinese (party keys named in Chinese), or null for one not in the table. */
export function warningZh(text) {
  for (const [en, zh] of WARNINGS_ZH) {
    const values = fill(en, text);
    if (!values) continue;
    const parts = zh.split('{}');
    return parts.slice(1).reduce((out, part, i) => out + (PARTIES_ZH[values[i]] ?? values[i]) + part, parts[0]);
  }
  return null;
}

/** A warning as the interface shows it in `lang`. */
export function warningText(text, lang) {
  return lang === 'zh' ? warningZh(text) ?? text : text;
}
