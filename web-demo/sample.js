// The built-in sample community, used when /examples/index.json offers none: three buildings of
// six floors, two flats a floor, four parking spaces, the developer still holding two unsold flats.

const NAMES = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周婷', '吴强', '徐丽', '孙杰',
  '马超', '朱琳', '胡斌', '郭燕', '何军', '高峰', '林晓', '罗刚', '郑爽', '梁辉', '谢雪', '宋涛',
  '唐颖', '许亮', '韩梅', '冯凯', '邓洁', '曹阳', '彭博', '曾丹', '肖鹏', '田甜',
];

export const SAMPLE_START = '2026-10-08T09:00:00+08:00';

export function sampleEvents() {
  const owners = [{ id: 'dev', name: '碧湖置业有限公司（开发商）', developer: true }];
  const units = [];
  let n = 0;
  for (const b of ['1', '2', '3']) {
    for (let floor = 1; floor <= 6; floor += 1) {
      for (let k = 1; k <= 2; k += 1) {
        const id = `${b}-${String(floor).padStart(2, '0')}${String(k).padStart(2, '0')}`;
        const i = units.length;
        const cents = 7800 + ((i * 1373) % 6551);
        const area = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        let owner;
        if (b === '3' && floor === 6) owner = 'dev';
        else {
          n += 1;
          owner = `o${n}`;
          owners.push({ id: owner, name: NAMES[n - 1] });
        }
        units.push({ id, building: b, floor, area, area_basis: i % 7 === 3 ? 'survey' : 'registry', use: 'residential', owner });
      }
    }
  }
  for (let k = 1; k <= 4; k += 1) {
    units.push({ id: `P-0${k}`, building: 'P', floor: -1, area: '12.50', use: 'parking', owner: `o${k}` });
  }
  return [
    {
      at: SAMPLE_START,
      kind: 'community.registered',
      data: { community: 'bihu-garden-demo', name: '碧湖花园（示例）', owners, units },
    },
    {
      at: '2026-10-08T09:01:00+08:00',
      kind: 'rules.adopted',
      data: { rules: 'r1', preset: 'civil-code-2021' },
    },
  ];
}

/** Motion rows offered when convening an assembly in `model`'s community: one of each kind. */
export function assemblyTemplate(model) {
  const ownerIds = model.ownerIds();
  const people = ownerIds.filter((o) => o !== 'dev' && !(model.owners.get(o) || {}).developer);
  const preferred = ['o2', 'o5', 'o9', 'o12', 'o20'].filter((o) => model.owners.has(o));
  const candidates = preferred.length >= 3 ? preferred : people.slice(0, 5);
  // the flat to turn into a shop: the first residential unit of building 1 (or of any building)
  const flats = [...model.units.values()].filter((u) => (u.use || 'residential') === 'residential');
  const shop = flats.find((u) => u.building === '1') || flats[0];
  return [
    { kind: 'plain', motion: 'hire', title: '续聘物业服务企业', matter: '278.4' },
    { kind: 'plain', motion: 'fund', title: '筹集住宅专项维修资金', matter: '278.6' },
    {
      kind: 'election', motion: 'elect', title: '选举第二届业主委员会', matter: '278.3',
      seats: '3', candidates: candidates.join(','),
    },
    {
      kind: 'unanimity', motion: 'shop', title: `${shop ? shop.id : ''}改为经营性用房`, matter: '279',
      applicant: shop ? shop.owner : people[0] || '', buildings: shop && shop.building !== undefined ? shop.building : '',
    },
    {
      kind: 'protected', motion: 'prune', title: '修剪3号楼南侧乔木', matter: '278.9',
      buildings: '3', floorsMax: '2', share: '1/3', dimension: 'either',
    },
  ];
}

export function committeeTemplate() {
  return [
    { kind: 'plain', motion: 'audit', title: '委托审计公共收益' },
    { kind: 'plain', motion: 'notice', title: '公示下季度维修计划' },
  ];
}

export function fivePartyTemplate() {
  return [{ kind: 'plain', motion: 'ev', title: '协调地下车库充电桩安装', refers: '' }];
}

export const DEFAULT_PARTIES = {
  party_branch: '社区党支部书记',
  residents_committee: '居委会主任',
  owners_committee: 'o2',
  property_company: '物业项目经理',
  owner_representatives: 'o5',
};
