import {
  contactChannels,
  customerStatuses,
  customerTypes,
  departmentKinds,
  intakeStatuses,
  sourceClasses,
  staffRoles,
  yesNo,
} from "./choices";
import {
  col,
  date,
  datetime,
  email,
  fromSettings,
  id,
  number,
  oneOf,
  phone,
  postcode,
  sheet,
  text,
  uscc,
  type Column,
  type SheetSchema,
} from "./model";

/** The fields of one customer, shared by the Register, the Intake and the archives. */
const customerFields: Column[] = [
  col("name", { zh: "企业名称", en: "Company name" }, text(100), { required: true, width: 30 }),
  col("uscc", { zh: "统一社会信用代码", en: "Credit code" }, uscc(), { required: true }),
  col("legalRep", { zh: "法定代表人", en: "Legal representative" }, text(50), { width: 12 }),
  col("address", { zh: "地址", en: "Address" }, text(200), { required: true, width: 36 }),
  col("postcode", { zh: "邮编", en: "Postcode" }, postcode(), { required: true }),
  col("phone", { zh: "电话", en: "Phone" }, phone(), { required: true }),
  col("fax", { zh: "传真", en: "Fax" }, phone()),
  col("email", { zh: "电子邮箱", en: "E-mail" }, email()),
  col("contact", { zh: "联系人", en: "Contact person" }, text(50), { required: true, width: 12 }),
  col("businessScope", { zh: "经营范围", en: "Business scope" }, text(500), { width: 30 }),
  col("capital", { zh: "注册资本(万元)", en: "Registered capital (10k CNY)" }, number(0, 2)),
  col("type", { zh: "客户类别", en: "Customer type" }, oneOf(customerTypes), { required: true, width: 14 }),
  col("class", { zh: "来源类别", en: "Source class" }, oneOf(sourceClasses), { required: true, width: 9 }),
  col("region", { zh: "地区", en: "Region" }, fromSettings("regions"), { required: true }),
  col("department", { zh: "负责部门", en: "Department" }, fromSettings("departments"), {
    required: true,
  }),
  col("responsible", { zh: "负责人", en: "Responsible person" }, text(50), { required: true, width: 12 }),
  col("creditRating", { zh: "信用等级", en: "Credit rating" }, fromSettings("creditRatings"), { width: 10 }),
  col("businessPolicy", { zh: "营业方针", en: "Business policy" }, text(500), { width: 24 }),
  col("tradingAttitude", { zh: "交易态度", en: "Trading attitude" }, text(500), { width: 24 }),
  col("relationship", { zh: "与本公司关系", en: "Relationship to us" }, text(500), { width: 24 }),
  col("financialNotes", { zh: "业绩及财务状况", en: "Results and financial notes" }, text(1000), {
    width: 30,
  }),
  col("firstTradeDate", { zh: "首次交易日期", en: "First trade date" }, date(true)),
];

const reviewFields: Column[] = [
  col("lastReviewDate", { zh: "最近复核日期", en: "Last review date" }, date(true)),
  col("lastReviewer", { zh: "复核人", en: "Reviewer" }, text(50), { width: 12 }),
  col("notes", { zh: "备注", en: "Notes" }, text(1000), { width: 30 }),
];

const registerId = col("id", { zh: "客户编号", en: "Customer ID" }, id(), { required: true });
const status = col("status", { zh: "状态", en: "Status" }, oneOf(customerStatuses), {
  required: true,
  width: 11,
});
const postedDate = col("postedDate", { zh: "登记日期", en: "Posted on" }, date(true));
/** The intake request a customer was posted from: ties the Register row to its stamps' origin. */
const fromRequest = col("requestNo", { zh: "来源申请编号", en: "From request" }, id());
const stamps = col("stamps", { zh: "盖章", en: "Stamps" }, text(4000, true), { width: 30 });

/**
 * 重要客户 and the staff who keep in touch with a customer: a key customer needs at least
 * two (两个以上的人员与之联系). Names are separated by 、 or commas.
 */
const keyFields: Column[] = [
  col("keyCustomer", { zh: "重要客户", en: "Key customer" }, oneOf(yesNo), { width: 8 }),
  col("staffContacts", { zh: "联系人员", en: "Staff contacts" }, text(200), { width: 18 }),
];

/** A customer's row, in the Register and in the archives. */
const customerRecord = [
  registerId,
  ...customerFields,
  status,
  postedDate,
  fromRequest,
  stamps,
  ...reviewFields,
  ...keyFields,
];

/**
 * The keys a duplicate check compares (validate/duplicates.ts `dupIndex`), kept by the add-in
 * with each Register row it writes so a new request's keys are counted by Excel, not read
 * from every customer (issue 15). Hidden; no stamp covers it.
 */
const dupKeys = col("dupKeys", { zh: "查重索引", en: "Duplicate index" }, text(255), {
  width: 12,
  hidden: true,
});

/** 客户原簿 — the master register, one row per customer ("one card per company"). */
export const register = sheet("register", { zh: "客户原簿", en: "Register" }, [...customerRecord, dupKeys], {
  tabColor: "#217346",
});

/** 交易开始调查书 — requests to start trading, waiting for stamps before posting. */
export const intake = sheet(
  "intake",
  { zh: "交易开始调查书", en: "Intake" },
  [
    col("requestNo", { zh: "申请编号", en: "Request no." }, id(), { required: true }),
    col("requestDate", { zh: "申请日期", en: "Request date" }, date(true), { required: true }),
    ...customerFields,
    col("intakeStatus", { zh: "申请状态", en: "Request status" }, oneOf(intakeStatuses), {
      required: true,
      width: 11,
    }),
    stamps,
    col("customerId", { zh: "登记客户编号", en: "Posted as ID" }, id()),
    col("notes", { zh: "备注", en: "Notes" }, text(1000), { width: 30 }),
  ],
  { tabColor: "#2B579A" },
);

const archiveFields: Column[] = [
  col("archivedDate", { zh: "归档日期", en: "Archived on" }, date(true), { required: true }),
  col("archiveReason", { zh: "归档原因", en: "Reason" }, text(500), { required: true, width: 24 }),
  col("archiveApprover", { zh: "批准人", en: "Approver" }, text(50), { required: true, width: 12 }),
];

/** 交易中止 — customers whose trade is suspended; they may resume through approval again. */
export const archiveSuspended = sheet(
  "archiveSuspended",
  { zh: "交易中止", en: "Archive-Suspended" },
  [...customerRecord, ...archiveFields],
  { tabColor: "#C55A11" },
);

/** 交易过去 — customers whose relationship with us has ended. */
export const archivePast = sheet(
  "archivePast",
  { zh: "交易过去", en: "Archive-Past" },
  [...customerRecord, ...archiveFields],
  { tabColor: "#7F7F7F" },
);

/** 使用登记簿 — who borrowed which list extract, why, when, and when it came back. */
export const loanLog = sheet(
  "loanLog",
  { zh: "使用登记簿", en: "Loan log" },
  [
    col("loanNo", { zh: "借阅编号", en: "Loan no." }, id(), { required: true }),
    col("borrower", { zh: "借阅人", en: "Borrower" }, text(50), { required: true, width: 12 }),
    col("department", { zh: "部门", en: "Department" }, fromSettings("departments"), { required: true }),
    col("title", { zh: "职务", en: "Title" }, text(50), { width: 12 }),
    col("class", { zh: "客户类别", en: "Customer class" }, oneOf(sourceClasses), { width: 10 }),
    col("region", { zh: "地区", en: "Region" }, fromSettings("regions")),
    col("from", { zh: "借出时间", en: "Out from" }, datetime(), { required: true }),
    col("due", { zh: "应还时间", en: "Due back" }, datetime(), { required: true }),
    col("purpose", { zh: "用途", en: "Purpose" }, text(500), { required: true, width: 24 }),
    col("approver", { zh: "批准人", en: "Approver" }, text(50), { width: 12 }),
    stamps,
    col("returned", { zh: "归还时间", en: "Returned at" }, datetime()),
    col("notes", { zh: "备注", en: "Notes" }, text(1000), { width: 24 }),
    // Issue 19: a list provided outside the company (a printing house, an auditor) names who
    // gets it; the chairman approves it. Last, so workbooks set up before keep their columns.
    col("recipient", { zh: "对外提供对象", en: "Outside party" }, text(100), { width: 16 }),
  ],
  { tabColor: "#7030A0" },
);

/** 变更记录 — the append-only audit trail of every change. */
export const changeLog = sheet(
  "changeLog",
  { zh: "变更记录", en: "Change log" },
  [
    // Text, not an Excel date: the chain hash covers exactly what was written.
    col("time", { zh: "时间", en: "Time" }, text(25), { required: true, width: 18 }),
    col("person", { zh: "操作人", en: "Person" }, text(50), { required: true, width: 12 }),
    col("action", { zh: "操作", en: "Action" }, text(50), { required: true, width: 14 }),
    // One action run: its intents and the "done" that closes them share it.
    col("op", { zh: "操作编号", en: "Operation" }, text(40), { width: 12 }),
    col("customerId", { zh: "客户编号", en: "Customer ID" }, id()),
    col("requestNo", { zh: "申请编号", en: "Request no." }, id()),
    col("field", { zh: "字段", en: "Field" }, text(50), { width: 14 }),
    col("oldValue", { zh: "原值", en: "Old value" }, text(4000), { width: 24 }),
    col("newValue", { zh: "新值", en: "New value" }, text(4000), { width: 24 }),
    col("reason", { zh: "原因", en: "Reason" }, text(500), { width: 24 }),
    col("approval", { zh: "批准盖章", en: "Approval" }, text(4000), { width: 24 }),
    col("salt", { zh: "盐值", en: "Salt" }, text(40), { width: 10 }),
    col("digest", { zh: "内容摘要", en: "Content digest" }, text(100), { width: 16 }),
    col("hash", { zh: "校验值", en: "Chain hash" }, text(100), { width: 20 }),
    // The acting person's signature over the hash of the last row an action appended
    // (log-signing.ts): recomputing the chain after an edit then needs their key.
    col("signature", { zh: "签名", en: "Signature" }, text(200), { width: 20 }),
  ],
  { generated: true, tabColor: "#595959" },
);

/** 销毁记录 — tombstones of destroyed records: ID, date, reason, approver; no personal data. */
export const destructionLog = sheet(
  "destructionLog",
  { zh: "销毁记录", en: "Destruction log" },
  [
    col("customerId", { zh: "客户编号", en: "Customer ID" }, id(), { required: true }),
    col("date", { zh: "销毁日期", en: "Destroyed on" }, date(true), { required: true }),
    col("reason", { zh: "原因", en: "Reason" }, text(500), { required: true, width: 24 }),
    col("approver", { zh: "批准人", en: "Approver" }, text(50), { required: true, width: 12 }),
    col("contentHash", { zh: "内容校验值", en: "Content hash" }, text(100), { width: 24 }),
    stamps,
  ],
  { generated: true, tabColor: "#595959" },
);

/** 人员 — who may stamp: role, department and the public key of each enrolled device. */
export const staff = sheet(
  "staff",
  { zh: "人员", en: "Staff" },
  [
    col("name", { zh: "姓名", en: "Name" }, text(50), { required: true, width: 12 }),
    col("department", { zh: "部门", en: "Department" }, fromSettings("departments"), { required: true }),
    col("role", { zh: "角色", en: "Role" }, oneOf(staffRoles), { required: true, width: 14 }),
    col("device", { zh: "设备", en: "Device" }, text(50), { width: 14 }),
    col("publicKey", { zh: "公钥", en: "Public key" }, text(1000), { width: 30 }),
    col("countersign", { zh: "管理员副署", en: "Administrator countersignature" }, text(1000), { width: 30 }),
    col("revoked", { zh: "已吊销", en: "Revoked" }, oneOf(yesNo), { width: 8 }),
    // From when the row is in force (yyyy-mm-ddThh:mm): a promotion or revocation is a new row,
    // and a stamp is judged by the row in force when it was made. Covered by the countersignature.
    col("since", { zh: "生效时间", en: "In force from" }, text(20), { width: 16 }),
  ],
  { tabColor: "#BF9000" },
);

/**
 * 设置 — the workbook's own configuration. Lists stand in columns so Excel's drop-downs can
 * point at them; single settings are key/value pairs in the last two columns.
 */
export const settings = sheet(
  "settings",
  { zh: "设置", en: "Settings" },
  [
    col("departments", { zh: "部门", en: "Departments" }, text(50), { width: 14 }),
    col("departmentKind", { zh: "部门类别", en: "Department kind" }, oneOf(departmentKinds), { width: 12 }),
    col("regions", { zh: "地区", en: "Regions" }, text(50), { width: 12 }),
    col("creditRatings", { zh: "信用等级", en: "Credit ratings" }, text(20), { width: 12 }),
    col("settingKey", { zh: "设置项", en: "Setting" }, text(50), { width: 22 }),
    col("settingValue", { zh: "值", en: "Value" }, text(200), { width: 24 }),
  ],
  { tabColor: "#BF9000" },
);

/**
 * 负责部科别一览表 — one generated, read-only summary list per department, named
 * "一览表-<部门>" / "List-<department>". Rebuilt from the Register, never edited by hand.
 */
export const departmentList = sheet(
  "departmentList",
  { zh: "一览表", en: "List" },
  [
    col("id", { zh: "客户编号", en: "Customer ID" }, id()),
    col("name", { zh: "企业名称", en: "Company name" }, text(100), { width: 30 }),
    col("type", { zh: "客户类别", en: "Customer type" }, oneOf(customerTypes), { width: 14 }),
    col("class", { zh: "来源类别", en: "Source class" }, oneOf(sourceClasses), { width: 9 }),
    col("region", { zh: "地区", en: "Region" }, fromSettings("regions")),
    col("phone", { zh: "电话", en: "Phone" }, phone()),
    col("contact", { zh: "联系人", en: "Contact person" }, text(50), { width: 12 }),
    col("responsible", { zh: "负责人", en: "Responsible person" }, text(50), { width: 12 }),
    col("creditRating", { zh: "信用等级", en: "Credit rating" }, fromSettings("creditRatings"), {
      width: 10,
    }),
    col("status", { zh: "状态", en: "Status" }, oneOf(customerStatuses), { width: 11 }),
  ],
  { generated: true, tabColor: "#A9D18E" },
);

/** 联系记录 — letters, faxes, calls, e-mails and visits with customers; major matters flagged for reporting. */
export const contacts = sheet(
  "contacts",
  { zh: "联系记录", en: "Contacts" },
  [
    col("contactNo", { zh: "记录编号", en: "Record no." }, id(), { required: true }),
    col("date", { zh: "日期", en: "Date" }, date(true), { required: true }),
    col("customerId", { zh: "客户编号", en: "Customer ID" }, id(), { required: true }),
    col("staff", { zh: "经办人员", en: "Staff member" }, text(50), { required: true, width: 12 }),
    col("channel", { zh: "方式", en: "Channel" }, oneOf(contactChannels), { required: true, width: 10 }),
    col("summary", { zh: "内容摘要", en: "Summary" }, text(1000), { required: true, width: 40 }),
    col("major", { zh: "重大事项", en: "Major matter" }, oneOf(yesNo), { width: 8 }),
    col("reportedBy", { zh: "报告人", en: "Reported by" }, text(50), { width: 12 }),
    col("reportedAt", { zh: "报告时间", en: "Reported at" }, datetime()),
  ],
  { tabColor: "#2E75B6" },
);

/** 年度业绩 — per customer and year: revenue with us and notes on its financial state; rows are added, never overwritten. */
export const annualResults = sheet(
  "annualResults",
  { zh: "年度业绩", en: "Annual results" },
  [
    col("customerId", { zh: "客户编号", en: "Customer ID" }, id(), { required: true }),
    col("year", { zh: "年度", en: "Year" }, text(4), { required: true, width: 8 }),
    col("revenue", { zh: "交易额(万元)", en: "Revenue with us (10k CNY)" }, number(0, 2), { width: 14 }),
    col("financialNotes", { zh: "财务状况", en: "Financial state" }, text(1000), { width: 40 }),
    col("recordedBy", { zh: "记录人", en: "Recorded by" }, text(50), { width: 12 }),
    col("recordedOn", { zh: "记录日期", en: "Recorded on" }, date(true)),
  ],
  { tabColor: "#2E75B6" },
);

/** Every sheet "Set up workbook" creates, in the order it creates them. */
export const setUpSheets: SheetSchema[] = [
  register,
  intake,
  archiveSuspended,
  archivePast,
  loanLog,
  contacts,
  annualResults,
  changeLog,
  destructionLog,
  staff,
  settings,
];

export function schemaByKey(key: string): SheetSchema {
  const found = setUpSheets.find((s) => s.key === key);
  if (!found) throw new Error(`no sheet schema ${key}`);
  return found;
}
