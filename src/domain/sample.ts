/**
 * Realistic sample customers, made deterministically from a row number: valid credit
 * codes (check character computed), postcodes and area codes of the right city, unique
 * names and phones. The preview, the benchmark and the tests use them.
 */
import { DUP_INDEX, dupIndex } from "./validate/duplicates";
import { customerStatuses, customerTypes, sourceClasses } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { register } from "./schema/sheets";
import { defaultSettings } from "./settings";
import type { Cell } from "./workbook";
import { usccCheckChar } from "./validate/uscc";
import { isoToSerial } from "./validate/date";

const cities = [
  {
    name: "北京",
    division: "110105",
    postcode: "100020",
    area: "010",
    region: "华北",
    street: "朝阳区建国路",
  },
  {
    name: "上海",
    division: "310115",
    postcode: "200120",
    area: "021",
    region: "华东",
    street: "浦东新区世纪大道",
  },
  {
    name: "广州",
    division: "440106",
    postcode: "510620",
    area: "020",
    region: "华南",
    street: "天河区体育西路",
  },
  {
    name: "深圳",
    division: "440305",
    postcode: "518057",
    area: "0755",
    region: "华南",
    street: "南山区科技园路",
  },
  {
    name: "杭州",
    division: "330106",
    postcode: "310012",
    area: "0571",
    region: "华东",
    street: "西湖区文三路",
  },
  {
    name: "南京",
    division: "320106",
    postcode: "210008",
    area: "025",
    region: "华东",
    street: "鼓楼区中山北路",
  },
  {
    name: "武汉",
    division: "420106",
    postcode: "430071",
    area: "027",
    region: "华中",
    street: "武昌区中北路",
  },
  {
    name: "成都",
    division: "510107",
    postcode: "610041",
    area: "028",
    region: "西南",
    street: "武侯区人民南路",
  },
  {
    name: "西安",
    division: "610113",
    postcode: "710065",
    area: "029",
    region: "西北",
    street: "雁塔区科技路",
  },
  {
    name: "沈阳",
    division: "210102",
    postcode: "110001",
    area: "024",
    region: "东北",
    street: "和平区南京北街",
  },
];
const syllables =
  "华 信 达 恒 泰 瑞 丰 源 金 宏 盛 兴 通 远 嘉 和 新 城 光 明 立 诚 安 康 博 汇 联 创 昌 隆".split(" ");
const trades = [
  "科技",
  "贸易",
  "机械",
  "电子",
  "化工",
  "物流",
  "食品",
  "建材",
  "纺织",
  "医药",
  "实业",
  "软件",
];
const suffixes = ["有限公司", "股份有限公司", "有限责任公司"];
const surnames = "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗".split(" ");
const givens = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平".split(" ");
const staffNames = ["王建国", "李晓梅", "张伟", "陈静", "刘洋"];
const orgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A unique company name for row i: city + two syllables + trade + suffix, unique up to millions. */
export function sampleName(i: number): string {
  const city = cities[i % cities.length]!;
  const n = Math.floor(i / cities.length);
  const a = syllables[n % syllables.length]!;
  const b = syllables[Math.floor(n / syllables.length) % syllables.length]!;
  const trade = trades[Math.floor(n / (syllables.length * syllables.length)) % trades.length]!;
  const tail = Math.floor(n / (syllables.length * syllables.length * trades.length));
  return `${city.name}${a}${b}${trade}${tail ? tail + 1 : ""}${suffixes[i % suffixes.length]}`;
}

export function sampleUscc(i: number): string {
  const city = cities[i % cities.length]!;
  let org = "";
  for (let n = i * 7919 + 104729, k = 0; k < 9; k++, n = Math.floor(n / 31)) org = orgAlphabet[n % 31] + org;
  const first17 = `91${city.division}${org}`;
  return first17 + usccCheckChar(first17);
}

/** One Register row in schema column order, labels in `lang`. */
export function sampleCustomer(i: number, lang: Lang): Cell[] {
  const city = cities[i % cities.length]!;
  const local = String(2_000_000 + ((i * 1_000_003) % 8_000_000)).padStart(
    city.area.length === 3 ? 8 : 7,
    "6",
  );
  const person = surnames[i % surnames.length]! + givens[Math.floor(i / surnames.length) % givens.length]!;
  const type = customerTypes[i % 7 === 6 ? 2 + (i % 7) : i % 2]!;
  const cls = sourceClasses[i % 3]!;
  const dept = defaultSettings.departments[i % 3]!;
  const firstTrade = isoToSerial(
    `20${String(10 + (i % 15)).padStart(2, "0")}-${String(1 + (i % 12)).padStart(2, "0")}-15`,
  );
  const byKey: Record<string, Cell> = {
    id: `C${String(i + 1).padStart(6, "0")}`,
    name: sampleName(i),
    uscc: sampleUscc(i),
    legalRep: surnames[(i + 3) % surnames.length]! + givens[(i + 7) % givens.length]!,
    address: `${city.name}市${city.street}${(i % 300) + 1}号`,
    postcode: city.postcode,
    phone: `${city.area}-${local}`,
    fax: i % 4 === 0 ? "" : `${city.area}-${local.slice(0, -1)}${(Number(local.slice(-1)) + 1) % 10}`,
    email: `info${i + 1}@example.cn`,
    contact: person,
    businessScope: `${trades[i % trades.length]}产品的生产与销售`,
    capital: 100 + (i % 50) * 100,
    type: choiceLabel(customerTypes, type.code, lang),
    class: cls[lang],
    region: city.region,
    department: dept.name,
    responsible: staffNames[i % staffNames.length]!,
    creditRating: defaultSettings.creditRatings[i % 4]!,
    businessPolicy: "",
    tradingAttitude: "",
    relationship: "",
    financialNotes: "",
    firstTradeDate: cls.code === "A" ? firstTrade : "",
    status: choiceLabel(customerStatuses, "active", lang),
    postedDate: firstTrade,
    stamps: "",
    lastReviewDate: "",
    lastReviewer: "",
    notes: "",
  };
  // As the add-in keeps it (validate/duplicates.ts): a sample register passes Validate.
  byKey[DUP_INDEX] = dupIndex(String(byKey.uscc), String(byKey.name), String(byKey.phone));
  return register.columns.map((c) => byKey[c.key] ?? "");
}

export function sampleRegister(count: number, lang: Lang, from = 0): Cell[][] {
  return Array.from({ length: count }, (_, k) => sampleCustomer(from + k, lang));
}
