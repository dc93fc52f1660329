/**
 * The strings of what Excel loads at start — the pane's frame, its menu and 首页 — in
 * Simplified Chinese and English. The pages' strings are i18n.ts, which only the pages'
 * chunks load (issue 15: what Excel loads at start stays under 200 KB). The frame's modules
 * import `t` from here, typed over these keys only, so a frame string missing here is a
 * type error, never a key shown to the user.
 */
import type { Lang } from "../domain/schema/model";

export const shellMessages = {
  appTitle: { zh: "客户名簿", en: "Customer Register" },
  language: { zh: "语言", en: "Language" },
  pageHome: { zh: "首页", en: "Home" },
  nav: { zh: "页面", en: "Page" },
  groupDaily: { zh: "日常", en: "Daily work" },
  groupApprove: { zh: "审批与登记", en: "Approve and post" },
  groupLists: { zh: "名单与借阅", en: "Lists and loans" },
  groupAdmin: { zh: "管理", en: "Administration" },
  homeFor: { zh: "{name},现在等您处理的事", en: "{name}, what needs you now" },
  homeNobody: {
    zh: "请先在上方“本机身份”中选择您是谁;尚未登记的请到“人员”页登记。首页会列出等您处理的事。",
    en: "Choose who you are under “I am” above; if you are not enrolled yet, enrol on the Staff page. Home then lists what waits for you.",
  },
  homeReading: { zh: "正在读取……", en: "Reading…" },
  homeNothing: { zh: "现在没有等您处理的事。", en: "Nothing waits for you now." },
  homeStamp: { zh: "等您盖章的申请:{n} 件", en: "Requests waiting for your stamp: {n}" },
  homeLoanStamp: { zh: "等您批准的借阅:{n} 件", en: "Loans waiting for your approval: {n}" },
  homeLoanOverdue: { zh: "逾期未还的借阅:{n} 件", en: "Loans overdue: {n}" },
  homeLoanDue: { zh: "今天应还的借阅:{n} 件", en: "Loans due back today: {n}" },
  homeReview: { zh: "本期待复核的客户:{n} 户", en: "Customers to review this cycle: {n}" },
  homeLate: { zh: "(其中逾期 {n} 户)", en: "({n} overdue)" },
  homeMajor: { zh: "待报告的重大事项:{n} 条", en: "Major matters to report: {n}" },
  homeBackup: { zh: "本月尚未备份", en: "This month's backup is not made yet" },
  homeLastBackup: { zh: "上次备份:{date}", en: "Last backup: {date}" },
  pageLoading: { zh: "正在打开…", en: "Opening…" },
  homeNeverBackedUp: { zh: "还没有备份过。", en: "Never backed up." },
  homeValidate: { zh: "校验发现的问题:{n} 个", en: "Problems Validate found: {n}" },
  homeValidateAt: { zh: "本机上次校验:{at}", en: "Last run on this device: {at}" },
  homeSheets: {
    zh: "保密工作表未按设置隐藏或保护:{n} 张",
    en: "Kept sheets in sight or unprotected against Settings: {n}",
  },
  homeNeverValidated: { zh: "本机尚未校验过此工作簿", en: "Validate has not run on this device" },
  homeMore: { zh: "……另有 {n} 项", en: "…and {n} more" },
  homeGo: { zh: "去“{page}”处理", en: "Open {page}" },
  pageSetup: { zh: "工作簿设置", en: "Set up" },
  pageValidate: { zh: "校验", en: "Validate" },
  langZh: { zh: "中文", en: "Chinese" },
  pageCorrect: { zh: "订正", en: "Correct" },
  pageReview: { zh: "复核", en: "Review" },
  pageArchive: { zh: "归档", en: "Archive" },
  pageStaff: { zh: "人员", en: "Staff" },
  pageIntake: { zh: "申请", en: "Intake" },
  pageStamp: { zh: "盖章", en: "Stamp" },
  pagePost: { zh: "登记", en: "Post" },
  iAm: { zh: "本机身份", en: "Acting as" },
  nobody: { zh: "(未登记)", en: "(not enrolled)" },
  pin: { zh: "PIN(至少8位,字母数字混合)", en: "PIN (8+ characters, letters and digits)" },
  rootPinned: {
    zh: "本机已记住此工作簿的名簿管理员密钥,指纹(可朗读核对):{fp}。请与管理员当面或电话核对;不一致时请勿使用并通知管理员。",
    en: "This device now trusts this workbook's register administrator, key fingerprint (read it aloud to compare): {fp}. Check it with the administrator in person or by phone; if it differs, stop and tell them.",
  },
  rootChanged: {
    zh: "此工作簿的名簿管理员密钥与本机记住的不同(本机记住的指纹:{fp})。在查明之前,本机不信任任何盖章,也不登记。",
    en: "This workbook's register administrator is not the one this device trusts (trusted fingerprint: {fp}). Until that is sorted out, no stamp is trusted and nothing is posted.",
  },
  rootAmbiguous: {
    zh: "人员表中有多位自行担保的名簿管理员({fps}):本机无法判断信任哪一位,所有盖章均视为未核验。请与管理员核对指纹。",
    en: "The Staff sheet has more than one self-appointed register administrator ({fps}): this device cannot tell which to trust, so every stamp counts as unverified. Compare fingerprints with the administrator.",
  },
  pinNeeded: { zh: "请输入 PIN 解锁您的印章。", en: "Enter your PIN to unlock your stamp." },
  unlockedFor: {
    zh: "{name} 的印章已解锁,{left} 后自动锁定(期间盖章无需再输入 PIN)。",
    en: "{name}'s stamp is unlocked; it locks again in {left} (no PIN needed until then).",
  },
  lockNow: { zh: "立即锁定", en: "Lock now" },
  unlockNow: { zh: "解锁…", en: "Unlock…" },
  sealTitle: { zh: "解锁 {name} 的印章", en: "Unlock {name}'s stamp" },
  sealWhy: {
    zh: "您写入变更记录的每一行都以您的密钥签名,别人无法冒名改写。输入 PIN 后继续(解锁保持期间不再询问)。",
    en: "Every row you write to the Change log is signed with your key, so nobody can rewrite it in your name. Enter your PIN to go on (not asked again while it stays unlocked).",
  },
  sealUnlock: { zh: "解锁并继续", en: "Unlock and go on" },
  sealCancel: { zh: "取消", en: "Cancel" },
  remoteChanged: {
    zh: "其他人刚刚修改了工作簿,本页显示的内容可能已过时。(写入时总会先重新读取,不会按过时的内容写入。)",
    en: "Someone else just changed the workbook; what this page shows may be out of date. (Writing always reads again first, never from what is out of date.)",
  },
  remoteRefresh: { zh: "刷新", en: "Refresh" },
  logRelogged: {
    zh: "您刚才写入变更记录的 {count} 行被其他人同时写入的内容覆盖,已在记录末尾重新写入,操作本身已完成。",
    en: "{count} row(s) you just wrote to the Change log were overwritten by someone else writing at the same moment; they have been written again at the end of the log. Your action itself is done.",
  },
  logRelogFailed: {
    zh: "您刚才写入变更记录的 {count} 行被其他人同时写入的内容覆盖,重新写入未成功:{why} 请稍后在“校验”页检查,或再做一次该操作。",
    en: "{count} row(s) you just wrote to the Change log were overwritten by someone else writing at the same moment, and writing them again failed: {why} Check on the Validate page later, or run the action again.",
  },
  leaseSettling: {
    zh: "正在确认没有其他人同时写入客户名簿…",
    en: "Making sure nobody else is writing to the register at this moment…",
  },
  sealRequired: {
    zh: "未写入任何内容:名簿管理员签署的设置规则要求变更记录的每一行都由已副署的密钥签名,而{name}在本机没有这样的密钥。请先在“人员”页登记本机密钥,并请名簿管理员副署。",
    en: "Nothing was written: the Settings rules the register administrator signed ask every Change log row to be sealed with a countersigned key, and {name} has none on this device. Enrol this device on the Staff page and have the register administrator countersign it first.",
  },
  sealCancelled: {
    zh: "未写入任何内容:{name} 的印章未解锁,操作已取消。",
    en: "Nothing was written: {name}'s stamp was not unlocked, so the action was cancelled.",
  },
  unlockMinutes: { zh: "解锁保持", en: "Stay unlocked" },
  unlockEveryTime: { zh: "每次输入 PIN", en: "Ask every time" },
  unlockMinutesChoice: { zh: "{m} 分钟", en: "{m} minutes" },
  pinWrong: { zh: "PIN 不正确,请重试。", en: "Wrong PIN; try again." },
  langEn: { zh: "英文", en: "English" },
  pageLoans: { zh: "借阅", en: "Loans" },
  homeExtractOut: { zh: "{sheet} 未归还", en: "{sheet} not returned" },
  pageLists: { zh: "月度名单", en: "Monthly lists" },
  pageCard: { zh: "客户卡片", en: "Card" },
  pageReports: { zh: "重大事项", en: "Major matters" },
  pageMail: { zh: "邮寄", en: "Mailing" },
  pageTrace: { zh: "查验打印件", en: "Trace a printout" },
  pageSheets: { zh: "保密工作表", en: "Kept sheets" },
  sheetShownFor: { zh: "“{sheet}”显示中,剩余 {left}", en: "“{sheet}” shown, {left} left" },
  sheetHideNow: { zh: "立即隐藏", en: "Hide now" },
} as const satisfies Record<string, Record<Lang, string>>;

export type ShellKey = keyof typeof shellMessages;

type Vars = Record<string, string | number>;

/** `key`'s text in `lang`, each `{name}` filled from `vars`. */
export function say(
  table: Record<string, Record<Lang, string>>,
  lang: Lang,
  key: string,
  vars: Vars,
): string {
  const said = table[key]![lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
  return lang === "en" ? singular(said) : said;
}

export function t(lang: Lang, key: ShellKey, vars: Vars = {}): string {
  return say(shellMessages, lang, key, vars);
}

/** English counts: "1 customers" reads "1 customer" (Chinese has no plural). */
const COUNTED = /\b1 (customer|record|request|loan|sheet|problem|row|value|matter|item)s\b/g;
export const singular = (text: string) => text.replace(COUNTED, "1 $1");
