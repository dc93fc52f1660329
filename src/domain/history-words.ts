/**
 * A Change log row as a person reads it on the card (issue 17: "nothing raw reaches a
 * person"). The log keeps its codes (action, field key, state codes) — they are what the
 * journal and Validate read — and this turns one row into words of the reader's language:
 * "2026-11-24 16:00 陈会计 订正 电话: 021-67000303 → 0571-88886666(客户来函)".
 */
import { customerStatuses, staffRoles } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { setUpSheets } from "./schema/sheets";

export interface HistoryRow {
  time: string;
  person: string;
  action: string;
  field: string;
  from: string;
  to: string;
  reason: string;
}

const actions: Record<string, { zh: string; en: string }> = {
  adopt: { zh: "接管入簿", en: "Taken over" },
  intake: { zh: "提交申请", en: "Request filed" },
  stamp: { zh: "盖章批准", en: "Stamped (approved)" },
  reject: { zh: "盖章驳回", en: "Stamped (rejected)" },
  post: { zh: "登记入簿", en: "Posted to the Register" },
  reinstateRequest: { zh: "申请恢复交易", en: "Reinstatement requested" },
  reinstate: { zh: "恢复交易", en: "Reinstated" },
  correct: { zh: "订正", en: "Corrected" },
  review: { zh: "复核无变化", en: "Reviewed, no change" },
  handOver: { zh: "负责人交接", en: "Handed over" },
  terminate: { zh: "归档", en: "Archived" },
  markInvalid: { zh: "标为无效", en: "Marked invalid" },
  destroy: { zh: "销毁", en: "Destroyed" },
  contact: { zh: "联系记录", en: "Contact recorded" },
  reportMajor: { zh: "重大事项已报告", en: "Major matter reported" },
  annualResult: { zh: "年度业绩", en: "Annual results recorded" },
  keyCustomer: { zh: "重要客户设置", en: "Key customer setting" },
  returnedMail: { zh: "邮件退回", en: "Mail returned" },
  printCard: { zh: "打印卡片", en: "Card printed" },
  buildMailingLabels: { zh: "制作地址标签", en: "Address labels made" },
  buildEnvelopeList: { zh: "制作信封清单", en: "Envelope list made" },
  buildMonthlyLists: { zh: "制作月度名单", en: "Monthly lists made" },
  loanExtract: { zh: "借阅名单", en: "Loan extract made" },
  buildDeptList: { zh: "更新部门一览表", en: "Department list rebuilt" },
  buildReviewList: { zh: "制作复核清单", en: "Review list made" },
  showSheet: { zh: "临时显示保密工作表", en: "Kept sheet shown" },
  lookCard: { zh: "查看卡片", en: "Card viewed" },
  lookList: { zh: "列入名单", en: "Listed" },
  relog: { zh: "补记", en: "Written again" },
  rechain: { zh: "重新接续", en: "Log re-chained" },
  done: { zh: "完成", en: "Done" },
};

const otherWords = {
  place: { zh: "位置", en: "Place" },
  other: { zh: "其他记录", en: "Other entry" },
};

/** A field key's column header in `lang`, from any sheet that has it. */
function fieldName(key: string, lang: Lang): string {
  if (key === "place") return otherWords.place[lang];
  for (const schema of setUpSheets) {
    const column = schema.columns.find((c) => c.key === key);
    if (column) return column.header[lang];
  }
  return "";
}

/** A state or role code as words; anything else (a typed reason) as written. */
function reasonWords(reason: string, lang: Lang): string {
  for (const choices of [customerStatuses, staffRoles])
    if (choices.some((c) => c.code === reason)) return choiceLabel(choices, reason, lang);
  return reason;
}

/** A Change log action in words of `lang`. */
export const actionWords = (action: string, lang: Lang): string =>
  actions[action]?.[lang] ?? otherWords.other[lang];

/** The row's action, change and reason in words of `lang`. */
export function historyParts(h: HistoryRow, lang: Lang): { action: string; change: string; reason: string } {
  const sep = lang === "zh" ? ":" : ": ";
  const field = h.field ? fieldName(h.field, lang) : "";
  const change = h.from ? `${h.from} → ${h.to}` : h.to;
  return {
    action: actionWords(h.action, lang),
    change: field ? `${field}${sep}${change}` : change,
    reason: h.reason ? reasonWords(h.reason, lang) : "",
  };
}

/** The row as one line: time, person, action, change, (reason). */
export function historyLine(h: HistoryRow, lang: Lang): string {
  const { action, change, reason } = historyParts(h, lang);
  const why = reason ? (lang === "zh" ? `(${reason})` : ` (${reason})`) : "";
  return [h.time, h.person, action, change].filter((part) => part !== "").join(" ") + why;
}
