import table from './warnings-zh.json' with { type: 'json' };

// The core's result warnings come as English text (they are part of the
// `tally --json` shape, byte for byte the same natively and in wasm).
// warnings-zh.json gives their Chinese, for the demo and for
// `yishi tally --lang zh` alike; wasm/tests/warnings.test.mjs checks that
// every warning the conformance cases produce has its line there and that
// every line is used.

const PARTIES_ZH = {
  party_branch: '社区党组织',
  residents_committee: '居民委员会',
  owners_committee: '业主委员会',
  property_company: '物业服务企业',
  owner_representatives: '业主代表',
};

/** [English template, Chinese]; `{}` where a value goes, in the same order.
 * The same file gives `yishi tally --lang zh` its Chinese. */
export const WARNINGS_ZH = table;

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
