import type { Choice } from "./model";

/** 客户类别 — what the customer is to us (supplier, dealer, or a special adviser-type party). */
export const customerTypes: Choice[] = [
  { code: "supplier", zh: "供应商", en: "Supplier" },
  { code: "dealer", zh: "经销商", en: "Dealer" },
  { code: "lawyer", zh: "特殊-律师", en: "Special-Lawyer" },
  { code: "financialAdviser", zh: "特殊-财务顾问", en: "Special-Financial adviser" },
  { code: "advertising", zh: "特殊-广告", en: "Special-Advertising" },
  { code: "pr", zh: "特殊-公关", en: "Special-PR" },
  { code: "bank", zh: "特殊-银行", en: "Special-Bank" },
  { code: "insurance", zh: "特殊-保险", en: "Special-Insurance" },
  { code: "financing", zh: "特殊-融资", en: "Special-Financing" },
];

/**
 * 来源类别 — where the name came from: A has traded with us, B contacted us (phone, fax,
 * letter, e-mail), C came from other channels (directories, press).
 */
export const sourceClasses: Choice[] = [
  { code: "A", zh: "A", en: "A" },
  { code: "B", zh: "B", en: "B" },
  { code: "C", zh: "C", en: "C" },
];

/** 状态 — where a customer stands in its life cycle. */
export const customerStatuses: Choice[] = [
  { code: "active", zh: "正常", en: "Active" },
  { code: "invalid", zh: "无效待删", en: "Marked invalid" },
  { code: "suspended", zh: "交易中止", en: "Suspended" },
  { code: "past", zh: "交易过去", en: "Past" },
];

/** 申请状态 — where a request to start trading (交易开始调查书) stands. */
export const intakeStatuses: Choice[] = [
  { code: "draft", zh: "填写中", en: "Draft" },
  { code: "pending", zh: "待盖章", en: "Awaiting stamps" },
  { code: "approved", zh: "已批准", en: "Approved" },
  { code: "rejected", zh: "已驳回", en: "Rejected" },
  { code: "posted", zh: "已登记", en: "Posted" },
];

/** 职务角色 — who may stamp what. */
export const staffRoles: Choice[] = [
  { code: "clerk", zh: "财务科职员", en: "Finance clerk" },
  { code: "responsible", zh: "负责人", en: "Responsible person" },
  { code: "deptHead", zh: "部门主管", en: "Department head" },
  { code: "chairman", zh: "董事长", en: "Chairman" },
  { code: "manager", zh: "主管经理", en: "Manager" },
  { code: "adminHead", zh: "总务主管", en: "Administration head" },
  { code: "admin", zh: "名簿管理员", en: "Register administrator" },
];

/** 部门类别 — business departments borrow lists for days; others return them the same day. */
export const departmentKinds: Choice[] = [
  { code: "business", zh: "业务部门", en: "Business" },
  { code: "other", zh: "非业务部门", en: "Non-business" },
];

export const yesNo: Choice[] = [
  { code: "yes", zh: "是", en: "Yes" },
  { code: "no", zh: "否", en: "No" },
];

/** 联系方式 — how a contact with a customer happened (letters, faxes, long-distance calls… are all recorded). */
export const contactChannels: Choice[] = [
  { code: "letter", zh: "信函", en: "Letter" },
  { code: "fax", zh: "传真", en: "Fax" },
  { code: "phone", zh: "电话", en: "Phone" },
  { code: "longDistance", zh: "长话", en: "Long-distance call" },
  { code: "email", zh: "电子邮件", en: "E-mail" },
  { code: "visit", zh: "拜访", en: "Visit" },
  { code: "other", zh: "其他", en: "Other" },
];
