/**
 * Every string the pane shows, in Simplified Chinese and English. Components never hold
 * literal text: they ask `t(lang, key)` or `ruleText(lang, problem)`.
 */
import { choiceLabel, type Lang } from "../domain/schema/model";
import { staffRoles } from "../domain/schema/choices";
import type { Problem, RuleKey } from "../domain/problem";

const messages = {
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
  backupAdminOnly: {
    zh: "备份由客户名簿管理员进行(密码由其设定):请在“本机身份”中选择管理员。",
    en: "Backups are the register administrator's (they choose the password): choose the administrator under Acting as.",
  },
  homeNeverBackedUp: { zh: "还没有备份过。", en: "Never backed up." },
  homeValidate: { zh: "校验发现的问题:{n} 个", en: "Problems Validate found: {n}" },
  homeValidateAt: { zh: "本机上次校验:{at}", en: "Last run on this device: {at}" },
  homeNeverValidated: { zh: "本机尚未校验过此工作簿", en: "Validate has not run on this device" },
  homeMore: { zh: "……另有 {n} 项", en: "…and {n} more" },
  homeGo: { zh: "去“{page}”处理", en: "Open {page}" },
  pageSetup: { zh: "工作簿设置", en: "Set up" },
  pageValidate: { zh: "校验", en: "Validate" },
  setupIntro: {
    zh: "创建客户原簿、交易开始调查书、归档表、使用登记簿、变更记录、销毁记录、人员和设置等工作表,带表头、格式和数据验证。已有内容不会被改动。",
    en: "Creates the Register, Intake, archive, Loan log, Change log, Destruction log, Staff and Settings sheets with headers, formats and data validation. Nothing already there is changed.",
  },
  setupButton: { zh: "设置工作簿", en: "Set up workbook" },
  setupRunning: { zh: "正在设置…", en: "Setting up…" },
  setupCreated: { zh: "已创建 {n} 个工作表:{names}。", en: "Created {n} sheets: {names}." },
  setupCompleted: { zh: "“{sheet}”补充了列:{columns}。", en: "Added columns to “{sheet}”: {columns}." },
  setupFormatted: {
    zh: "“{sheet}”的这些列改为应有的单元格格式(文本、日期或数字),此后输入的内容按原样保存:{columns}。",
    en: "Gave these columns of “{sheet}” their cell format (text, date or number), so what is typed from now on is kept as typed: {columns}.",
  },
  setupNothing: { zh: "工作簿已设置完毕,无需改动。", en: "The workbook is already set up; nothing changed." },
  setupLang: { zh: "表头语言:{lang}。", en: "Header language: {lang}." },
  validateIntro: {
    zh: "检查客户原簿和交易开始调查书的每一行:必填项、统一社会信用代码、邮编、电话、邮箱、日期、设置中的取值,以及重复的客户。",
    en: "Checks every Register and Intake row: required fields, credit code, postcode, phone, e-mail, dates, values from Settings, and duplicate customers.",
  },
  validateButton: { zh: "校验工作簿", en: "Validate workbook" },
  validateRunning: { zh: "正在校验…", en: "Validating…" },
  validateClean: { zh: "共检查 {rows} 行,没有发现问题。", en: "Checked {rows} rows; no problems found." },
  validateFound: { zh: "共检查 {rows} 行,发现 {n} 个问题。", en: "Checked {rows} rows; found {n} problems." },
  validateMore: { zh: "仅显示前 {shown} 个问题。", en: "Showing the first {shown} problems." },
  fixOffer: { zh: "建议改为:{fix}", en: "Suggested: {fix}" },
  goToCell: { zh: "转到单元格", en: "Go to cell" },
  failed: {
    zh: "Excel 未能完成操作({code}):{message}。工作簿未被部分修改,可以再试一次。",
    en: "Excel could not finish ({code}): {message}. The workbook was not half-changed; you can run it again.",
  },
  previewBanner: {
    zh: "预览模式:未连接 Excel,右侧是内存中的示例工作簿。",
    en: "Preview: no Excel here; the workbook shown is an in-memory sample.",
  },
  langZh: { zh: "中文", en: "Chinese" },
  more: { zh: "更多页面", en: "More pages" },
  revokeButton: { zh: "吊销", en: "Revoke" },
  revokeIntro: {
    zh: "吊销某人的全部设备,或只吊销丢失的一台(填写设备名称)。吊销前已记入变更记录的盖章仍然有效,之后的一律无效。",
    en: "Revoke all of a person's devices, or just a lost one (give its device name). Stamps the change log carried before the revocation stay valid; none after it count.",
  },
  revoked: { zh: "已吊销:{names}。", en: "Revoked: {names}." },
  restaffIntro: {
    zh: "变更某人的角色或部门(晋升、调岗):新增一行,自此刻生效;此前盖的章仍然有效。",
    en: "Change a person's role or department (a promotion, a move): a new row in force from now; their earlier stamps stay valid.",
  },
  restaffName: { zh: "变更谁(姓名)", en: "Whose role changes (name)" },
  newRole: { zh: "新角色", en: "New role" },
  newDepartment: { zh: "新部门", en: "New department" },
  restaffButton: { zh: "变更角色/部门", en: "Change role or department" },
  restaffed: { zh: "已变更:{names}。", en: "Changed: {names}." },
  pageCorrect: { zh: "订正", en: "Correct" },
  pageReview: { zh: "复核", en: "Review" },
  pageArchive: { zh: "归档", en: "Archive" },
  archiveIntro: {
    zh: "交易中止或交易关系解除的客户移入归档表(需部门主管或主管经理盖章);永远不能恢复的归档记录经主管经理盖章后销毁;退件等无效客户可标记待删。",
    en: "Move customers whose trade stopped or ended to an archive (department head's or manager's stamp); destroy archived records that can never resume (manager's stamp); mark invalid customers.",
  },
  customerIds: { zh: "客户编号(可多个)", en: "Customer IDs (one or many)" },
  reasonLabel: { zh: "原因", en: "Reason" },
  archiveTo: { zh: "归入", en: "Move to" },
  toSuspended: { zh: "交易中止(可恢复)", en: "Suspended (may resume)" },
  toPast: { zh: "交易过去", en: "Past" },
  archiveButton: { zh: "归档", en: "Archive" },
  cancel: { zh: "取消", en: "Cancel" },
  stampCovers: { zh: "盖章所批准的 {n} 项内容", en: "The {n} fields your stamp approves" },
  stampChangedSince: {
    zh: "自你 {at} {decision}以来改动了 {n} 项:",
    en: "Changed since you {decision} it on {at} ({n}):",
  },
  stampSameSince: { zh: "与你 {at} {decision}时相同。", en: "Unchanged since you {decision} it on {at}." },
  stampDecisionApprove: { zh: "批准", en: "approved" },
  stampDecisionReject: { zh: "驳回", en: "rejected" },
  stampWas: { zh: "原为", en: "was" },
  applyFix: { zh: "采用建议(记入变更记录)", en: "Apply (logged as a correction)" },
  fixReason: { zh: "采用校验建议", en: "Validate's suggestion" },
  fixApplied: {
    zh: "已将 {address} 改为 {fix},记入变更记录。",
    en: "{address} is now {fix}, logged as a correction.",
  },
  dueHint: { zh: "格式如 2026-11-30 17:30", en: "as 2026-11-30 17:30" },
  confirmArchiveTitle: { zh: "确认归档", en: "Archive these customers?" },
  confirmArchive: {
    zh: "将 {n} 位客户从客户原簿移到“{to}”:{ids}。",
    en: "{n} customers move from the Register to “{to}”: {ids}.",
  },
  confirmDestroyTitle: { zh: "确认销毁", en: "Destroy these records?" },
  confirmDestroy: {
    zh: "将永久销毁 {n} 位客户的资料:{ids}。",
    en: "The records of {n} customers will be destroyed for good: {ids}.",
  },
  confirmDestroyWhat: {
    zh: "其个人资料将从申请、归档、联系记录、年度业绩、变更记录的内容和打印件中清除,只保留销毁记录(编号、日期、原因、批准人)。此操作不能撤销。",
    en: "Their data is erased from requests, archives, contact records, annual results, the Change log's values and printouts; only the tombstone (ID, date, reason, approver) stays. This cannot be undone.",
  },
  confirmInvalidTitle: { zh: "确认标记无效", en: "Mark these customers invalid?" },
  confirmInvalid: {
    zh: "将 {n} 位客户标为无效待删({why}):{ids}。主管在无效名单上盖章后才移到“交易过去”。",
    en: "{n} customers are marked invalid ({why}): {ids}. They move to Archive-Past once the head stamps the invalid list.",
  },
  destroyButton: { zh: "销毁", en: "Destroy" },
  invalidReason: { zh: "无效原因", en: "Why invalid" },
  reinstateButton: { zh: "恢复交易", en: "Reinstate" },
  reinstateRequested: {
    zh: "已提交恢复交易申请:{list}。盖章后在“登记”页登记,客户以原编号回到客户原簿。",
    en: "Reinstatement requested: {list}. Once stamped, post it: the customer returns under its own ID.",
  },
  markInvalidButton: { zh: "标记无效", en: "Mark invalid" },
  archivedN: { zh: "已归档 {n} 位客户。", en: "Archived {n} customers." },
  destroyedN: { zh: "已销毁 {n} 条记录,销毁记录已保存。", en: "Destroyed {n} records; tombstones kept." },
  markedInvalidN: { zh: "已标记 {n} 位客户为无效。", en: "Marked {n} customers invalid." },
  reviewCycle: { zh: "本期复核:{start} 至 {end}", en: "This review: {start} to {end}" },
  reviewProgress: {
    zh: "{dept}:已复核 {done},待复核 {due},逾期 {overdue}",
    en: "{dept}: {done} done, {due} due, {overdue} overdue",
  },
  reviewListButton: { zh: "生成复核清单", en: "Build review sheet" },
  reviewListBuilt: {
    zh: "复核清单已生成:{n} 位客户待复核。",
    en: "Review sheet built: {n} customers still due.",
  },
  confirmNoChange: { zh: "确认无变化", en: "Confirm: no change" },
  reviewConfirmed: { zh: "已确认 {n} 位客户。", en: "Confirmed {n} customers." },
  handOverTitle: { zh: "人员交接", en: "Hand-over" },
  handOverFrom: { zh: "离职负责人", en: "Leaving" },
  handOverTo: { zh: "接手负责人", en: "Taking over" },
  handOverButton: { zh: "全部移交", en: "Hand over all" },
  handedOver: { zh: "已将 {n} 位客户移交给 {to}。", en: "Handed {n} customers over to {to}." },
  confirmHandOverTitle: { zh: "确认交接", en: "Hand these customers over?" },
  confirmHandOver: {
    zh: "客户原簿上由 {from} 负责的 {n} 位客户将全部改由 {to} 负责。",
    en: "The {n} customers {from} is responsible for on the Register will all pass to {to}.",
  },
  confirmHandOverWhat: {
    zh: "每位客户的改动都记入变更记录;复核清单和部门一览表随之更新。",
    en: "Each change is logged; the review list and department lists follow.",
  },
  correctIntro: {
    zh: "订正客户原簿中的一项内容:记录原值、新值和原因,并更新部门一览表。",
    en: "Correct one field of a Register entry: the old and new values and the reason are logged, and the department lists updated.",
  },
  field: { zh: "字段", en: "Field" },
  newValue: { zh: "新值", en: "New value" },
  correctionReason: { zh: "订正原因", en: "Reason" },
  correctButton: { zh: "订正", en: "Correct" },
  corrected: { zh: "已订正并记录。", en: "Corrected and logged." },
  correctedReapprove: {
    zh: "已订正并记录。此字段在盖章范围内:该客户需要重新审批。",
    en: "Corrected and logged. The field is covered by the stamps: the customer needs re-approval.",
  },
  pageStaff: { zh: "人员", en: "Staff" },
  pageIntake: { zh: "申请", en: "Intake" },
  pageStamp: { zh: "盖章", en: "Stamp" },
  pagePost: { zh: "登记", en: "Post" },
  iAm: { zh: "本机身份", en: "Acting as" },
  nobody: { zh: "(未登记)", en: "(not enrolled)" },
  staffIntro: {
    zh: "在本机生成盖章密钥:私钥只保存在本机,由您的PIN加密;工作簿中只登记公钥。",
    en: "Make a stamping key on this device: the private key stays here, locked by your PIN; only the public key goes into the workbook.",
  },
  name: { zh: "姓名", en: "Name" },
  department: { zh: "部门", en: "Department" },
  role: { zh: "角色", en: "Role" },
  deviceName: { zh: "设备名称", en: "Device name" },
  pin: { zh: "PIN(至少8位,字母数字混合)", en: "PIN (8+ characters, letters and digits)" },
  enrolButton: { zh: "生成密钥并登记", en: "Make key and enrol" },
  enrolled: { zh: "已登记 {name},密钥指纹 {fp}。", en: "Enrolled {name}; key fingerprint {fp}." },
  myFingerprint: {
    zh: "{name} 在本机的密钥指纹:{digits}(副署前管理员会核对)",
    en: "{name}'s key fingerprint on this device: {digits} (the administrator compares it before countersigning)",
  },
  awaitingHeading: { zh: "等待副署的人员({n})", en: "Waiting for your countersignature ({n})" },
  compareFingerprint: {
    zh: "请与本人设备上显示的指纹核对:{digits}",
    en: "Compare with the fingerprint on their own device: {digits}",
  },
  countersignChosen: { zh: "副署所选的 {n} 人", en: "Countersign the {n} chosen" },
  countersigned: { zh: "已副署:{names}。", en: "Countersigned: {names}." },
  nothingToCountersign: { zh: "没有待副署的人员。", en: "No staff rows are waiting." },
  adminFingerprint: { zh: "名簿管理员密钥指纹:{fp}", en: "Register administrator's key: {fp}" },
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
  signPolicyIntro: {
    zh: "盖章顺序和盖章覆盖字段只有经管理员签署才生效;修改“设置”表后在此签署新版本。",
    en: "Stamp chains and the fields stamps cover take effect only when the administrator signs them: after editing Settings, sign the new version here.",
  },
  signPolicyButton: { zh: "签署设置规则", en: "Sign the Settings rules" },
  policySigned: {
    zh: "已签署设置规则第 {version} 版(盖章顺序、覆盖字段、部门、地区、信用等级、复核月份、目标与下班时间)。",
    en: "Signed version {version} of the Settings rules (stamp chains, covered fields, departments, regions, credit ratings, review months, target and close of business).",
  },
  adminChanged: {
    zh: "警告:工作簿中的名簿管理员密钥与本机记住的不一致!在核实之前,任何盖章都不可信。",
    en: "Warning: the workbook's administrator key is not the one this device remembers! Trust no stamp until this is checked.",
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
  pinShort: { zh: "PIN 至少8个字符。", en: "The PIN needs 8 characters or more." },
  pinWeak: {
    zh: "PIN 太容易猜:请混合大小写字母、数字和符号,避免重复或连续的字符(拿到本机数据的人可以离线猜测)。",
    en: "The PIN is too easy to guess: mix upper- and lower-case letters, digits and symbols, and avoid repeated or consecutive characters (whoever copies this device's data can guess offline).",
  },
  intakeIntro: {
    zh: "填写交易开始调查书。提交前按与“校验”相同的规则检查,包括与客户原簿和未结申请的重复。",
    en: "Fill in a request to start trading. It is checked with the same rules as Validate, duplicates included, before it is filed.",
  },
  submitRequest: { zh: "提交申请", en: "File request" },
  requestFiled: { zh: "已提交申请 {no},等待盖章。", en: "Filed request {no}; it now awaits stamps." },
  stampIntro: {
    zh: "选择待盖章的申请,输入PIN后批准或驳回。",
    en: "Choose requests awaiting stamps, enter your PIN, then approve or reject.",
  },
  refresh: { zh: "刷新", en: "Refresh" },
  approve: { zh: "批准", en: "Approve" },
  reject: { zh: "驳回", en: "Reject" },
  reason: { zh: "驳回理由", en: "Reason for rejecting" },
  noPending: { zh: "没有待盖章的申请。", en: "No requests await stamps." },
  stampedN: { zh: "已盖章 {n} 份。", en: "Stamped {n} requests." },
  rejectedN: { zh: "已驳回 {n} 份。", en: "Rejected {n} requests." },
  postIntro: {
    zh: "把盖章完成的申请登记到客户原簿,并更新相应部门的一览表。",
    en: "Post fully stamped requests to the Register and rebuild their departments' lists.",
  },
  postButton: { zh: "登记已批准的申请", en: "Post approved requests" },
  postedN: {
    zh: "已登记 {n} 位客户:{list}。部门一览表已更新。",
    en: "Posted {n} customers: {list}. Department lists updated.",
  },
  nothingToPost: { zh: "没有可登记的申请。", en: "Nothing to post." },
  enrolFirst: { zh: "请先在“人员”页登记本机身份。", en: "Enrol this device on the Staff page first." },
  langEn: { zh: "英文", en: "English" },
  backupButton: { zh: "备份工作簿", en: "Back up workbook" },
  backupReminder: {
    zh: "本月尚未备份(上次备份:{last})。按规定每月底更新备份。",
    en: "No backup this month yet (last: {last}). The rules ask for a fresh copy at each month's end.",
  },
  backupNever: { zh: "此工作簿还没有备份过。", en: "This workbook has never been backed up." },
  backupDone: {
    zh: "已备份为“{name}”({kb} KB,已设密码),并记入变更记录。",
    en: "Backed up as “{name}” ({kb} KB, password-protected) and logged.",
  },
  backupUnavailable: {
    zh: "此处无法读取整个工作簿文件(预览模式,或此 Excel 不支持文件接口)。请在 Excel 中用“文件 › 另存副本”保存为“{name}”,保存时设置打开密码(Windows:保存对话框的“工具 › 常规选项”;Mac:“选项”),然后点“我已保存副本”。",
    en: "The whole file cannot be read here (preview, or this Excel lacks the file API). In Excel use File › Save a Copy, name it “{name}”, set a password to open it in the save dialog (Windows: Tools › General Options; Mac: Options), then press “I saved a copy”.",
  },
  backupNoDownload: {
    zh: "在 Mac 或 iPad 版 Excel 中,任务窗格无法把文件交给您(下载链接在此无效)。请用“文件 › 另存副本”保存为“{name}”,保存时在“选项”中设置打开密码,然后点“我已保存副本”。",
    en: "In Excel on a Mac or iPad the pane cannot hand you a file (download links do nothing there). Use File › Save a Copy, name it “{name}”, set a password to open it under Options in the save dialog, then press “I saved a copy”.",
  },
  backupPassword: { zh: "备份密码", en: "Backup password" },
  backupPasswordAgain: { zh: "再次输入备份密码", en: "Backup password again" },
  backupPasswordNote: {
    zh: "备份文件用 Excel 自带的文件加密(AES-256)加设密码,由名簿管理员在备份时设定:至少8个字符,须含字母和数字。密码不保存在工作簿或任何地方;忘记密码,这份备份就再也打不开,任何人都无法恢复。",
    en: "The backup file is encrypted with Excel's own file encryption (AES-256) under a password the register administrator chooses now: 8 characters or more, with letters and digits. The password is kept nowhere, not in the workbook nor anywhere else; if it is forgotten, this backup can never be opened again, by anyone.",
  },
  backupPasswordMismatch: {
    zh: "两次输入的备份密码不一致,未备份。",
    en: "The two backup passwords differ; no backup made.",
  },
  "backupPassword.short": {
    zh: "备份密码至少8个字符。",
    en: "The backup password needs 8 characters or more.",
  },
  "backupPassword.long": {
    zh: "备份密码最多255个字符(Excel 的上限)。",
    en: "The backup password may have at most 255 characters (Excel's limit).",
  },
  "backupPassword.mixed": {
    zh: "备份密码须同时含有字母和数字。",
    en: "The backup password needs both letters and digits.",
  },
  "backupPassword.weak": {
    zh: "备份密码太容易猜:请避免重复或连续的字符,混合大小写字母、数字和符号(拿到备份文件的人可以离线猜测)。",
    en: "The backup password is too easy to guess: avoid repeated or consecutive characters, and mix upper- and lower-case letters, digits and symbols (whoever has the backup file can guess offline).",
  },
  backupEncrypting: { zh: "正在读取并加密工作簿…", en: "Reading and encrypting the workbook…" },
  keyWhere: {
    zh: "盖章密钥只保存在这台电脑的这个 Excel 中(网页版 Excel:只在这个浏览器的这个用户配置中)。换一台电脑、改用网页版或其他浏览器、或清除了 Office 缓存后,须在那里另行登记一台设备,并由名簿管理员副署;每台设备有自己的密钥,不能复制。",
    en: "A stamping key lives only in this Excel on this computer (in Excel on the web: only in this browser profile). On another computer, in Excel on the web, in another browser, or after clearing Office's cache, enrol that device too and have the register administrator countersign it; each device has a key of its own, which cannot be copied.",
  },
  myDevices: { zh: "{name} 的设备", en: "{name}'s devices" },
  thisDevice: { zh: "本机", en: "this device" },
  "deviceStatus.trusted": { zh: "可以盖章", en: "may stamp" },
  "deviceStatus.notCountersigned": {
    zh: "等待名簿管理员副署",
    en: "waiting for the administrator's countersignature",
  },
  "deviceStatus.revoked": { zh: "已吊销", en: "revoked" },
  anotherTitle: {
    zh: "为已登记的人员登记另一台设备",
    en: "Enrol another device for someone already on the Staff sheet",
  },
  anotherSteps: {
    zh: "1. 在这台设备上选择您的姓名(角色和部门随之带出);2. 为这台设备起一个区别于其他设备的名称;3. 设置本机的 PIN 并登记;4. 请名簿管理员在“人员”页副署,之后这台设备才能盖章。",
    en: "1. On this device, choose your name (role and department come with it); 2. give this device a name unlike your other devices'; 3. set this device's PIN and enrol; 4. ask the register administrator to countersign on the Staff page; only then can this device stamp.",
  },
  anotherWho: { zh: "人员", en: "Person" },
  anotherPlaceholder: { zh: "选择已登记的人员", en: "Choose someone already enrolled" },
  anotherDeviceHint: {
    zh: "例如“办公室电脑”“家中笔记本”“网页版 Edge”。",
    en: "For example “office PC”, “laptop at home”, “web, Edge”.",
  },
  enrolledAnother: {
    zh: "已为 {name} 登记设备“{device}”(指纹 {fp})。名簿管理员副署之后,这台设备才能盖章;{name} 的其他设备不受影响。",
    en: "Enrolled device “{device}” for {name} (fingerprint {fp}). This device can stamp once the register administrator countersigns it; {name}'s other devices are unaffected.",
  },
  selfCheckTitle: { zh: "检查本 Excel", en: "Check this Excel" },
  selfCheckIntro: {
    zh: "在一张临时工作表中试一遍本加载项依赖的 Excel 行为(文本格式、打印设置、保护、数据验证、查找、文件接口、密钥存储),完成后删除该表。遇到问题时可把报告复制给支持人员。",
    en: "Tries the Excel behaviour this add-in relies on (text formats, print settings, protection, data validation, find, the file API, key storage) in a scratch sheet it removes afterwards. Copy the report into a support request when something is wrong.",
  },
  selfCheckButton: { zh: "开始检查", en: "Run the check" },
  selfCheckRunning: { zh: "正在检查…", en: "Checking…" },
  selfCheckPlatform: { zh: "Excel:{platform} {version}", en: "Excel: {platform} {version}" },
  selfCheckReport: { zh: "报告(可复制)", en: "Report (to copy)" },
  "check.textFormat": {
    zh: "写入的文本保持原样(010010、18 位代码、=1+1)",
    en: "Written text kept as written (010010, 18-digit code, =1+1)",
  },
  "check.generalTyping": {
    zh: "常规格式单元格会把数字样文本变成数字",
    en: "General cells turn number-like text into numbers",
  },
  "check.unbounded": { zh: "整列不能设置格式", en: "Formats on a whole column are refused" },
  "check.printFit": { zh: "打印设置:横向、一页宽", en: "Print settings: landscape, one page wide" },
  "check.validation": { zh: "数据验证(下拉列表)", en: "Data validation (drop-down list)" },
  "check.find": { zh: "按编号查找行", en: "Finding a row by its ID" },
  "check.protection": { zh: "受保护的工作表拒绝写入", en: "A protected sheet refuses writes" },
  "check.fileApi": { zh: "读取整个文件(备份)", en: "Reading the whole file (backup)" },
  "check.keyStorage": {
    zh: "在本机保存盖章密钥(仅限此 Excel、此电脑、此浏览器配置)",
    en: "Keeping a stamping key on this device (this Excel, this computer, this browser profile only)",
  },
  "checkStatus.pass": { zh: "通过", en: "passed" },
  "checkStatus.fail": { zh: "未通过", en: "failed" },
  "checkStatus.skip": { zh: "此处不适用", en: "not applicable here" },
  backupConfirm: { zh: "我已保存副本", en: "I saved a copy" },
  backupConfirmed: {
    zh: "已记录:您确认用“另存副本”保存了备份(记入变更记录)。",
    en: "Recorded: you confirmed a copy saved with Save a Copy (logged).",
  },
  backupOffered: {
    zh: "已把“{name}”({kb} KB,已设密码)交给浏览器下载,并记入变更记录。请确认下载栏中的文件已保存。",
    en: "Handed “{name}” ({kb} KB, password-protected) to the browser as a download and logged it. Check the browser's downloads that it was saved.",
  },
  backupCancelled: { zh: "未保存,也未记录备份。", en: "Not saved; no backup recorded." },
  pageLoans: { zh: "借阅", en: "Loans" },
  loansIntro: {
    zh: "《客户名单使用申请表》与《使用登记簿》:登记借阅申请,由主管盖章批准(业务部门由本部门主管,其他部门由总务主管),打印借阅名单,登记归还。非业务部门须当日下班前归还。",
    en: "The list-use application and loan log: record an application, have it stamped (a business department's own head; the administration head for others), print the extract, record the return. Non-business departments return it the same day by close of business.",
  },
  overdueN: { zh: "逾期未还:{n} 份。", en: "Overdue: {n} loans." },
  loanApplyHeading: { zh: "使用申请", en: "Application" },
  loanLogHeading: { zh: "使用登记簿", en: "Loan log" },
  borrower: { zh: "借阅人", en: "Borrower" },
  jobTitle: { zh: "职务", en: "Title" },
  customerClass: { zh: "客户类别", en: "Customer class" },
  region: { zh: "地区", en: "Region" },
  any: { zh: "全部", en: "All" },
  loanFrom: { zh: "借出时间", en: "Out from" },
  nowHint: { zh: "留空为现在", en: "blank: now" },
  loanDue: { zh: "应还时间", en: "Due back" },
  sameDayRule: {
    zh: "非业务部门:当日下班时间前归还(见“设置”)。",
    en: "Non-business department: due the same day at close of business (Settings).",
  },
  purpose: { zh: "用途", en: "Purpose" },
  loanApplyButton: { zh: "登记申请", en: "Record application" },
  loanApplied: { zh: "已登记借阅申请 {no},应还 {due}。", en: "Recorded loan {no}, due {due}." },
  loanNo: { zh: "借阅编号", en: "Loan no." },
  state: { zh: "状态", en: "State" },
  loanPending: { zh: "待批准", en: "Awaiting stamp" },
  loanOut: { zh: "借出", en: "Out" },
  loanOverdue: { zh: "逾期", en: "Overdue" },
  loanBack: { zh: "已归还", en: "Returned" },
  loanRecipient: { zh: "对外提供对象(可不填)", en: "Outside party (optional)" },
  loanRecipientHelp: {
    zh: "名单交给公司以外的人(如印刷厂寄 DM、审计师)时填写;须经董事长盖章批准。",
    en: "Fill in when the list goes to someone outside the company (a printing house for DM, an auditor); the chairman's stamp approves it.",
  },
  loanOutsideTo: { zh: "对外提供:{to}", en: "provided to {to}" },
  loanStampButton: { zh: "批准(盖章)", en: "Approve (stamp)" },
  loanExtractButton: { zh: "生成借阅名单", en: "Build the extract" },
  loanReturnButton: { zh: "登记归还", en: "Record return" },
  loanStamped: { zh: "借阅 {no} 已盖章批准。", en: "Loan {no} approved by stamp." },
  loanExtracted: {
    zh: "已生成“{sheet}”,共 {n} 家客户,可直接打印。",
    en: "Built “{sheet}” with {n} customers, ready to print.",
  },
  loanReturned: { zh: "借阅 {no} 已归还。", en: "Loan {no} returned." },
  loanExtractSame: {
    zh: "借阅名单“{sheet}”已删除,内容与借出时一致。",
    en: "Its extract “{sheet}” was removed; it held what was lent.",
  },
  loanExtractChanged: {
    zh: "借阅名单“{sheet}”已删除,但内容与借出时不一致:借出期间被改动过(已记入变更记录)。",
    en: "Its extract “{sheet}” was removed, but it differs from what was lent: it was edited while out (logged in the Change log).",
  },
  loanExtractUnchecked: {
    zh: "借阅名单“{sheet}”已删除;变更记录中没有它生成时的内容摘要,无法核对是否改动过。",
    en: "Its extract “{sheet}” was removed; the Change log holds no digest of it as built, so whether it was edited cannot be told.",
  },
  loanExtractMissing: {
    zh: "工作簿中已没有借阅名单“{sheet}”(被手工删除或改名),无从核对。",
    en: "The extract “{sheet}” is no longer in the workbook (deleted or renamed by hand): nothing to compare.",
  },
  loanReturnFinished: {
    zh: "借阅 {no} 的归还此前已登记,这次补完了中断的部分(归还时间、删除借阅名单)。",
    en: "Loan {no}'s return was logged before; the part left undone (the return time, removing the extract) is now done.",
  },
  homeExtractOut: { zh: "{sheet} 未归还", en: "{sheet} not returned" },
  rowN: { zh: "第 {row} 行", en: "Row {row}" },
  pageLists: { zh: "月度名单", en: "Monthly lists" },
  listsIntro: {
    zh: "按月生成《每月新增客户名单表》和《无效客户名单》(新增YYYY-MM、无效YYYY-MM 工作表,可直接打印签字)。重新生成会替换该月的工作表。无效名单经主管盖章后,名单上的客户移入“交易过去”。",
    en: "Builds the month's new-customer list and invalid list (New-YYYY-MM, Invalid-YYYY-MM sheets, ready to print and sign). Rebuilding replaces the month's sheets. Once a supervisor stamps the invalid list, its customers move to Archive-Past.",
  },
  monthLabel: { zh: "月份(YYYY-MM)", en: "Month (YYYY-MM)" },
  monthCount: {
    zh: "{month} 新增 {n} 家,目标 {target} 家。",
    en: "{month}: {n} new names, target {target}.",
  },
  chartTarget: { zh: "目标 {target}", en: "target {target}" },
  chartLabel: {
    zh: "近十二个月每月新增客户数,虚线为目标 {target}",
    en: "New names in each of the last twelve months; the dashed line is the target, {target}",
  },
  twelveMonths: { zh: "生成截至该月的近十二个月", en: "Build the twelve months up to this one" },
  buildLists: { zh: "生成月度名单", en: "Build monthly lists" },
  listsBuilt: { zh: "已生成:{list}。", en: "Built: {list}." },
  listsSkipped: {
    zh: "以下月份无人,未生成空表:{list}。",
    en: "Nobody in these, so no empty sheet: {list}.",
  },
  listNew: { zh: "新增", en: "new" },
  listInvalid: { zh: "无效", en: "invalid" },
  stampInvalidList: { zh: "审核无效名单(盖章)", en: "Stamp the invalid list" },
  pageCard: { zh: "客户卡片", en: "Card" },
  cardIntro: {
    zh: "一家公司一张卡片:输入客户编号,或在任一工作表中选中该客户所在的行。读取卡片不会改动工作簿。",
    en: "One card per company: type a customer ID, or select the customer's row in any sheet. Reading a card changes nothing in the workbook.",
  },
  customerId: { zh: "客户编号", en: "Customer ID" },
  showCard: { zh: "显示卡片", en: "Show card" },
  cardOfSelection: { zh: "选中行的卡片", en: "Card of selected row" },
  cardFollow: { zh: "跟随选中单元格", en: "Follow the selected cell" },
  printCard: { zh: "生成打印卡片", en: "Build printable card" },
  cardPrinted: {
    zh: "已生成“{sheet}”(A4 一页),可打印归档。",
    en: "Built “{sheet}” (one A4 page), ready to print and file.",
  },
  whereRegister: { zh: "在客户原簿第 {row} 行", en: "On the Register, row {row}" },
  whereSuspended: { zh: "已归档:交易中止(第 {row} 行)", en: "Archived: suspended (row {row})" },
  wherePast: { zh: "已归档:交易过去(第 {row} 行)", en: "Archived: past (row {row})" },
  whereDestroyed: { zh: "记录已销毁", en: "Record destroyed" },
  whereUnknown: { zh: "没有找到这个客户", en: "No such customer" },
  onLoanNow: { zh: "借出中:{loans}", en: "Out on loan now: {loans}" },
  stampsHeading: { zh: "盖章", en: "Stamps" },
  stampOk: { zh: "有效", en: "Verifies" },
  noStamps: { zh: "没有盖章", en: "No stamps" },
  contactsHeading: { zh: "联系记录", en: "Contact records" },
  resultsHeading: { zh: "年度业绩", en: "Annual results" },
  historyHeading: { zh: "变更记录", en: "Change history" },
  noneYet: { zh: "暂无", en: "None yet" },
  keyCustomer: { zh: "重要客户", en: "Key customer" },
  staffContacts: { zh: "联系人员(以、分隔)", en: "Staff contacts (separate with commas)" },
  saveKey: { zh: "保存重要客户设定", en: "Save key-customer setting" },
  keySaved: { zh: "已保存。", en: "Saved." },
  keyReason: { zh: "重要客户设定", en: "Key-customer setting" },
  keyWarning: {
    zh: "重要客户须有两名以上联系人员,现只有 {n} 名。请在下方补充联系人员。",
    en: "A key customer needs at least two staff contacts; it has {n}. Add staff contacts below.",
  },
  contactDate: { zh: "日期", en: "Date" },
  contactStaff: { zh: "本公司人员", en: "Staff member" },
  contactChannel: { zh: "方式", en: "Channel" },
  contactSummary: { zh: "内容摘要", en: "Summary" },
  majorMatter: { zh: "重大事项(须报告信息部)", en: "Major matter (report to the information office)" },
  addContact: { zh: "记录联系", en: "Record contact" },
  contactAdded: { zh: "已记录 {no}。", en: "Recorded {no}." },
  year: { zh: "年度", en: "Year" },
  revenue: { zh: "与本公司交易额(万元)", en: "Revenue with us (10k CNY)" },
  financialNotes: { zh: "财务状况", en: "Financial notes" },
  addResult: { zh: "记录年度业绩", en: "Record annual results" },
  resultAdded: { zh: "已记录 {year} 年度业绩。", en: "Recorded results for {year}." },
  toReport: { zh: "待报告", en: "To report" },
  reported: { zh: "已报告", en: "Reported" },
  pageReports: { zh: "重大事项", en: "Major matters" },
  reportsIntro: {
    zh: "联系记录中标为重大事项、尚未报告信息部的条目。报告后在此标记(记录报告人和时间)。",
    en: "Contact records flagged as major matters not yet reported to the information office. Mark them once reported (who and when are recorded).",
  },
  nothingToReport: { zh: "没有待报告的重大事项。", en: "No major matters waiting to be reported." },
  markReported: { zh: "标记为已报告", en: "Mark reported" },
  markedReported: { zh: "已标记 {n} 条为已报告。", en: "Marked {n} reported." },
  pageMail: { zh: "邮寄", en: "Mailing" },
  lookPurpose: { zh: "用途(查询目的)", en: "Purpose" },
  lookPurposeMailing: {
    zh: "记入变更记录,连同表上的每一位客户,如“年末客户回访”。",
    en: "Goes into the Change log with every customer on it, e.g. “year-end customer visits”.",
  },
  mailRelease: { zh: "对外提供依据(借阅编号,可不填)", en: "Outside release (loan no., optional)" },
  mailReleaseHelp: {
    zh: "交给印刷厂等公司以外的人时,填写董事长已批准、写明对外提供对象的借阅编号。",
    en: "When the sheet goes to someone outside the company (a printing house), the number of the loan naming them that the chairman approved.",
  },
  lookPurposeCard: {
    zh: "可不填;查看卡片本身会记入变更记录(谁、何时、哪家客户)。",
    en: "Optional; looking at a card is logged anyway (who, when, which customer).",
  },
  looksHeading: { zh: "本年度查询记录", en: "Who looked this year" },
  whoLooked: { zh: "查看本年度谁查询过此客户", en: "Show who looked at this customer this year" },
  nobodyLooked: { zh: "本年度没有查询记录。", en: "Nobody looked this year." },
  pageTrace: { zh: "查验打印件", en: "Trace a printout" },
  pageSheets: { zh: "保密工作表", en: "Kept sheets" },
  sheetsIntro: {
    zh: "设置“保密工作表隐藏”为是并经管理员签署后,客户原簿、交易中止、交易过去、销毁记录、变更记录和人员表保持深度隐藏并受保护:Excel 的“取消隐藏”中不列出,单元格不能直接输入。本插件照常写入。有查询权限的人员可临时显示一张表(仍受保护),显示记入变更记录。",
    en: "When Settings say to keep register sheets hidden (signed by the administrator), the Register, both archives, the Destruction log, the Change log and Staff stay very hidden and protected: Excel's Unhide does not list them and no cell can be typed into. The add-in writes to them as before. Someone allowed to look up customers can show one for a while (still protected); the showing is logged.",
  },
  sheetsRuleOn: { zh: "设置:保密工作表保持隐藏。", en: "Settings: register sheets are kept hidden." },
  sheetsRuleOff: {
    zh: "设置中“保密工作表隐藏”为否(或尚未签署):这些工作表照常可见。",
    en: "Settings do not keep register sheets hidden (or it is not signed yet): these sheets are in sight as usual.",
  },
  sheetsTurnOn: { zh: "在设置中开启", en: "Turn it on in Settings" },
  sheetsRuleTurnedOn: {
    zh: "设置“保密工作表隐藏”已改为是,现在生效。请点击“全部隐藏并保护”。",
    en: "Settings now keep register sheets hidden, in force now. Press “Hide and protect all”.",
  },
  sheetsRuleNeedsSigning: {
    zh: "已在设置中写入“是”。设置规则已由管理员签署过:须管理员在“人员”页再次签署后才生效。",
    en: "Written “yes” in Settings. The rules have been signed by the administrator: it takes effect once they sign again on the Staff page.",
  },
  sheetVeryHidden: { zh: "已深度隐藏", en: "very hidden" },
  sheetShownUntil: { zh: "{person} 显示至 {until}", en: "shown by {person} until {until}" },
  sheetInSight: { zh: "可见", en: "in sight" },
  sheetUnprotected: { zh: "未保护", en: "not protected" },
  sheetsHideAll: { zh: "全部隐藏并保护", en: "Hide and protect all" },
  sheetsHidden: {
    zh: "已隐藏并保护({n} 张表改为深度隐藏)。",
    en: "Hidden and protected ({n} sheets made very hidden).",
  },
  sheetShowTitle: { zh: "临时显示一张表", en: "Show one sheet for a while" },
  sheetShowWhich: { zh: "工作表", en: "Sheet" },
  sheetShowMinutes: { zh: "显示时长(分钟,最多 {max})", en: "For how many minutes (at most {max})" },
  sheetShowButton: { zh: "显示", en: "Show" },
  sheetShown: {
    zh: "“{sheet}”已显示(仍受保护),至 {until} 自动隐藏;已记入变更记录。",
    en: "“{sheet}” is shown (still protected) until {until}, then hidden again; logged in the Change log.",
  },
  sheetShownFor: { zh: "“{sheet}”显示中,剩余 {left}", en: "“{sheet}” shown, {left} left" },
  sheetHideNow: { zh: "立即隐藏", en: "Hide now" },
  traceIntro: {
    zh: "名单、卡片、借阅名单、标签等打印件的页脚印有制作人、时间和追溯码。输入纸上的追溯码,查看它是什么、谁在何时制作、为哪次借阅,以及现在是否仍为最新。查验不会改动工作簿。",
    en: "Every printed list, card, loan extract or label sheet has its maker, time and a trace code in its footer. Type the code from the paper to see what it was, who made it and when, for which loan, and whether it is still current. Looking a code up changes nothing in the workbook.",
  },
  traceCode: { zh: "追溯码", en: "Trace code" },
  traceLookUp: { zh: "查验", en: "Look up" },
  traceNotACode: {
    zh: "“{typed}”不是追溯码:追溯码为 8 位字母和数字,如 7K3M-Q9XD。",
    en: "“{typed}” is not a trace code: a code has 8 letters and digits, like 7K3M-Q9XD.",
  },
  traceUnknown: {
    zh: "变更记录中没有追溯码为 {code} 的打印件:它不是从本工作簿打印的,或其记录行已被改动(请运行“校验”查看)。",
    en: "No printout with trace code {code} is in the Change log: it was not printed from this workbook, or its log row was changed (run Validate to see).",
  },
  traceWhat: { zh: "{what}:“{sheet}”", en: "{what}: “{sheet}”" },
  traceCount: { zh: "共 {n} 家客户", en: "{n} customers" },
  traceCustomer: { zh: "客户 {id}", en: "Customer {id}" },
  traceMade: {
    zh: "{person} 于 {time} 制作(变更记录第 {row} 行)",
    en: "Made by {person} at {time} (Change log row {row})",
  },
  traceLoan: { zh: "借阅 {no}", en: "Loan {no}" },
  traceLoanOut: { zh: "借阅 {no}:尚未归还", en: "Loan {no}: not yet returned" },
  traceLoanBack: { zh: "借阅 {no}:已于 {at} 归还", en: "Loan {no}: returned at {at}" },
  tracePurpose: { zh: "用途:{purpose}", en: "Purpose: {purpose}" },
  traceOutside: { zh: "对外提供给:{to}", en: "Provided outside the company to: {to}" },
  traceSelection: { zh: "选取条件:{filter}", en: "Selection: {filter}" },
  traceCurrent: {
    zh: "仍为最新:工作表“{sheet}”的内容与打印时一致。",
    en: "Still current: the sheet “{sheet}” holds what was printed.",
  },
  traceRebuilt: {
    zh: "已不是最新:此后重新生成过,较新的追溯码为 {newer}。",
    en: "No longer current: it was made again since; the newer copy's code is {newer}.",
  },
  traceChanged: {
    zh: "已不是最新:工作表“{sheet}”的内容与打印时不同(被改动,或有客户资料已销毁)。",
    en: "No longer current: the sheet “{sheet}” no longer holds what was printed (edited, or a customer's record destroyed since).",
  },
  traceRemoved: {
    zh: "工作表“{sheet}”已不在工作簿中(借阅名单归还后即删除)。",
    en: "The sheet “{sheet}” is no longer in the workbook (a loan's extract is removed at its return).",
  },
  traceFooterNote: { zh: "页脚追溯码:{code}。", en: "Trace code in its footer: {code}." },
  mailIntro: {
    zh: "按条件选出客户,生成 A4 地址标签(每张含邮编、地址、企业名称、联系人 收)或信封清单。标为无效的客户不邮寄。",
    en: "Select customers and build A4 address labels (postcode, address, company, attention line) or an envelope list. Customers marked invalid are left out.",
  },
  customerType: { zh: "客户类别", en: "Customer type" },
  sourceClass: { zh: "来源类别", en: "Source class" },
  keyOnly: { zh: "只选重要客户", en: "Key customers only" },
  mailForm: { zh: "形式", en: "Form" },
  labels: { zh: "地址标签", en: "Address labels" },
  envelopes: { zh: "信封清单", en: "Envelope list" },
  buildMailing: { zh: "生成邮寄表", en: "Build mailing sheet" },
  mailingBuilt: { zh: "已生成“{sheet}”:{n} 位客户。", en: "Built “{sheet}”: {n} customers." },
  finishedFirst: {
    zh: "先完成了被中断的操作:{list}。",
    en: "First finished what an interrupted action left: {list}.",
  },
  setupDamaged: {
    zh: "以下 {n} 项在设置格式之前已被 Excel 改动,格式无法复原,请按原始资料重新输入:",
    en: "Excel changed these {n} values before their columns had a format; a format cannot bring them back: enter them again from the original documents:",
  },
  setupAdopted: {
    zh: "已将现有的 {n} 位客户记入变更记录;此后的新客户须经申请、盖章、登记。",
    en: "Took the {n} customers already here into the Change log; new customers now come through intake, stamps and posting.",
  },
  returnedHeading: { zh: "退件登记", en: "Returned mail" },
  returnedDetail: { zh: "退件说明", en: "What came back" },
  recordReturned: { zh: "登记退件", en: "Record returned mail" },
  returnedRecorded: {
    zh: "已登记退件 {n} 位,已标为无效,将列入本月无效名单。",
    en: "Recorded {n} returned; marked invalid for this month's invalid list.",
  },
  invalidStamped: {
    zh: "已盖章:{n} 位客户移入“交易过去”;{left} 位属于其他部门,待其主管审核。",
    en: "Stamped: {n} customers moved to Archive-Past; {left} belong to other departments and wait for their heads.",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const said = messages[key][lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
  return lang === "en" ? singular(said) : said;
}

/** English counts: "1 customers" reads "1 customer" (Chinese has no plural). */
const COUNTED = /\b1 (customer|record|request|loan|sheet|problem|row|value|matter|item)s\b/g;
export const singular = (text: string) => text.replace(COUNTED, "1 $1");

const rules: Record<RuleKey, Record<Lang, string>> = {
  required: { zh: "必填项为空。", en: "This field is required." },
  tooLong: { zh: "内容过长(最多 {max} 个字)。", en: "Too long (at most {max} characters)." },
  "text.whitespace": {
    zh: "有多余的空格或看不见的字符。",
    en: "Stray spaces or invisible characters.",
  },
  "phone.tidy": {
    zh: "号码有效,可统一写成登记簿通常的写法(不是错误)。",
    en: "A valid number; it can be written the register's usual way (not an error).",
  },
  "enum.otherLanguage": {
    zh: "取值有效,可统一写成本表的语言:{fix}(不是错误)。",
    en: "A valid value; it can be written in this sheet's language: {fix} (not an error).",
  },
  "text.storedAsNumber": {
    zh: "Excel 把这项内容存成了数字,开头的 0 已丢失:请按原始资料以文本重新输入(此列现已设为文本格式)。",
    en: "Excel stored this as a number and dropped its leading zeros: enter it again as text from the original document (the column is now formatted as text).",
  },
  "uscc.number": {
    zh: "统一社会信用代码被 Excel 存成了数字,超过15位的数字已丢失:请把单元格设为文本后重新输入完整代码。",
    en: "Excel stored the credit code as a number, losing every digit past the 15th: format the cell as text and enter the whole code again.",
  },
  "uscc.format": {
    zh: "统一社会信用代码须为18位数字或大写字母(不含 I、O、S、V、Z)。",
    en: "A credit code has 18 digits or capital letters (no I, O, S, V, Z).",
  },
  "uscc.checkDigit": {
    zh: "统一社会信用代码校验位不符(按 GB 32100-2015 应为 {expected})。",
    en: "The credit code's check character is wrong (GB 32100-2015 gives {expected}).",
  },
  "postcode.format": { zh: "邮编须为6位数字。", en: "A postcode has 6 digits." },
  "phone.format": {
    zh: "电话号码格式不对:手机11位,固话须带区号(如 010-62345678),或400/800号码。",
    en: "Not a valid phone number: mobiles have 11 digits, landlines need an area code (010-62345678), or 400/800.",
  },
  "email.format": { zh: "电子邮箱格式不对。", en: "Not a valid e-mail address." },
  "date.format": { zh: "日期不对,请写成 2024-03-05。", en: "Not a valid date; write it as 2024-03-05." },
  "date.future": { zh: "日期不能晚于今天。", en: "The date cannot be later than today." },
  "number.format": { zh: "须为不小于0的数字。", en: "Must be a number of at least 0." },
  "enum.notAllowed": { zh: "不在允许的取值中:{allowed}。", en: "Not one of the allowed values: {allowed}." },
  "duplicate.uscc": {
    zh: "统一社会信用代码与“{otherSheetName}”第 {otherRow} 行重复。",
    en: "Same credit code as row {otherRow} of “{otherSheetName}”.",
  },
  "duplicate.name": {
    zh: "企业名称与“{otherSheetName}”第 {otherRow} 行实质相同。",
    en: "Same company name as row {otherRow} of “{otherSheetName}”.",
  },
  "duplicate.phone": {
    zh: "电话与“{otherSheetName}”第 {otherRow} 行相同。",
    en: "Same phone number as row {otherRow} of “{otherSheetName}”.",
  },
  "id.format": { zh: "编号只能含字母、数字和连字符。", en: "An ID holds letters, digits and hyphens only." },
  "cell.error": {
    zh: "单元格显示的是 Excel 错误值,不是数据:请改正公式或填入实际内容。",
    en: "The cell shows an Excel error value, not data: fix the formula or enter the actual value.",
  },
  "cell.formula": {
    zh: "以“=”开头:是一个没有计算结果的公式(在 Excel 中打开并保存一次即可),或应去掉开头的“=”。",
    en: 'Begins with "=": a formula saved without its result (open and save the file in Excel once), or text that should not begin with "=".',
  },
  "id.unknown": { zh: "客户原簿中没有这个客户编号。", en: "No customer with this ID on the Register." },
  "log.erased": {
    zh: "此行内容已被抹去,但该客户并未销毁。",
    en: "This row's words were erased, yet the customer was never destroyed.",
  },
  "journal.conflict": {
    zh: "这条记录与该客户此前的记录不符(重复登记,或从不在的位置移出),已忽略。",
    en: "This entry does not follow from the customer's earlier entries (posted twice, or moved from where it was not); it is ignored.",
  },
  "journal.unfinished": {
    zh: "“{action}”已记入变更记录但未完成;下一次操作会先完成它。",
    en: "“{action}” was logged but not finished; the next action finishes it first.",
  },
  "journal.cannotFinish": {
    zh: "中断的“{action}”(变更记录第 {logRow} 行)无法完成:相关的行被改动或缺失,请核对。",
    en: "The interrupted “{action}” (Change log row {logRow}) cannot be finished: its rows were changed or are missing; check them.",
  },
  "journal.notInJournal": {
    zh: "变更记录中没有这个客户:此行是手工输入或粘贴的,不是经申请登记的。",
    en: "The Change log knows no such customer: this row was typed or pasted, never posted.",
  },
  "journal.wrongPlace": {
    zh: "按变更记录,此客户应在“{place}”,不在这里。",
    en: "By the Change log this customer belongs in “{place}”, not here.",
  },
  "journal.duplicateRow": {
    zh: "同一编号出现在不止一行。",
    en: "The same number stands on more than one row.",
  },
  "journal.missingRow": {
    zh: "按变更记录此客户应在“{place}”,但那里没有它的行。",
    en: "By the Change log this customer belongs in “{place}”, but no row of it is there.",
  },
  "journal.destroyedData": {
    zh: "此客户已销毁,这里不应再有其资料。",
    en: "This customer was destroyed: none of its data may remain here.",
  },
  "journal.requestNotPosted": {
    zh: "状态写着“已登记”,但变更记录中从未登记此申请。",
    en: "Marked posted, but the Change log never posted this request.",
  },
  "journal.requestStatus": {
    zh: "变更记录已将此申请登记为 {id},状态与之不符。",
    en: "The Change log posted this request as {id}; its status says otherwise.",
  },
  "journal.statusDiffers": {
    zh: "状态与变更记录不符(应为“{status}”)。",
    en: "The status differs from the Change log (it should read “{status}”).",
  },
  "journal.adoptRefused": {
    zh: "变更记录中已有客户:现有名簿只在首次设置时接管,此后的新客户须经申请、盖章、登记。",
    en: "The Change log already holds customers: an existing register is taken over only at the first set-up; new customers come through intake, stamps and posting.",
  },
  "journal.unlogged": {
    zh: "此盖章没有对应的变更记录:不是经本系统盖的章。",
    en: "This stamp has no Change log entry: it was not made through the add-in.",
  },
  "reinstate.pending": {
    zh: "此客户已有一份未完成的恢复交易申请。",
    en: "This customer already has an open reinstatement request.",
  },
  "handOver.same": { zh: "接手人与离职人相同。", en: "The new person is the one leaving." },
  "handOver.none": {
    zh: "客户原簿中没有此人负责的客户。",
    en: "Nobody on the Register has this responsible person.",
  },
  "staff.unknown": {
    zh: "人员表中没有此人(或此设备)。",
    en: "No such person (or device) on the Staff sheet.",
  },
  "field.fixed": {
    zh: "此字段不能在订正中修改(编号、盖章、状态等由系统维护)。",
    en: "This field cannot be corrected (IDs, stamps and status are kept by the add-in).",
  },
  "id.duplicate": { zh: "编号与第 {otherRow} 行重复。", en: "Same ID as row {otherRow}." },
  "stamp.contentChanged": {
    zh: "盖章后内容被修改,需要重新审批。",
    en: "Changed after it was stamped: needs re-approval.",
  },
  "stamp.unknownKey": {
    zh: "盖章所用的密钥不在人员表中。",
    en: "The stamp's key is not on the Staff sheet.",
  },
  "stamp.notCountersigned": {
    zh: "盖章人的人员记录未经名簿管理员副署。",
    en: "The stamper's Staff row is not countersigned by the register administrator.",
  },
  "stamp.revoked": { zh: "盖章所用的密钥已被吊销。", en: "The stamp's key has been revoked." },
  "stamp.wrongRole": { zh: "此处应由其他角色盖章。", en: "A different role must stamp at this point." },
  "stamp.wrongPerson": {
    zh: "盖章上的姓名或角色与密钥持有人不符。",
    en: "The stamp's name or role does not match the key's holder.",
  },
  "stamp.unreadable": {
    zh: "这不是有效的盖章(手写的名字不算盖章)。",
    en: "Not a valid stamp (a typed name is not a stamp).",
  },
  "stamp.incomplete": {
    zh: "盖章未完成(或已被驳回),不能登记。",
    en: "Not fully stamped (or rejected): cannot be posted.",
  },
  "stamp.notPending": { zh: "此申请不在待盖章状态。", en: "This request is not awaiting stamps." },
  "stamp.ownRequest": {
    zh: "不能批准自己负责、自己提交或自己借阅的事项。",
    en: "Nobody approves their own request: the stamper is its responsible person, filer or borrower.",
  },
  "stamp.otherDepartment": {
    zh: "部门主管只能为本部门的申请盖章。",
    en: "A department head stamps only their own department's requests.",
  },
  "stamp.otherSubject": {
    zh: "此盖章是为其他申请、客户或事项所盖,在这里无效。",
    en: "This stamp was made for another request, customer or act: it does not count here.",
  },
  "stamp.fewerFields": {
    zh: "盖章覆盖的字段少于其所依据的盖章规则版本要求的字段。",
    en: "The stamp covers fewer fields than the stamp rules version it names requires.",
  },
  "stamp.wordsDiffer": {
    zh: "盖章显示的文字与其签名的内容不符。",
    en: "The stamp's words do not say what it signed.",
  },
  "stamp.notAsPosted": {
    zh: "盖章栏与登记时批准的盖章不同(被删除、清空或替换)。",
    en: "The Stamps cell is not the approval it was posted with (deleted, emptied or replaced).",
  },
  "staff.otherDevice": {
    zh: "{name} 已在人员表中登记(角色:{roleZh},部门:{department})。为其另一台设备登记时须使用相同的角色和部门;更改角色或部门由名簿管理员办理,对所有设备一并生效。",
    en: "{name} is already on the Staff sheet ({roleEn}, {department}). Another device of theirs takes the same role and department; a change of role or department is the administrator's act, for every device at once.",
  },
  "staff.deviceTaken": {
    zh: "此人已有名为“{device}”的设备:请为这台设备另起一个名称(例如“办公室电脑”“网页版 Edge”),以便区分各台设备的密钥。",
    en: "This person already has a device named “{device}”: give this device a name of its own (e.g. “office PC”, “web, Edge”) so each device's key can be told apart.",
  },
  "staff.adminExists": {
    zh: "此工作簿已有名簿管理员,不能再自行担任:第二位管理员登记后须由现任管理员副署。",
    en: "This workbook already has an administrator: a second administrator enrols and is countersigned by the current one.",
  },
  "stamp.unverified": {
    zh: "未核验:没有可信的名簿管理员(未指定或有多位),盖章无法核验。",
    en: "UNVERIFIED: no trusted register administrator (none given, or several), so the stamp cannot be verified.",
  },
  "log.truncated": {
    zh: "变更记录比本机上次看到的少了 {missing} 行:末尾的记录被删除或整表被清空。",
    en: "The change log has {missing} rows fewer than this device last saw: its last rows were deleted or it was emptied.",
  },
  "log.rewritten": {
    zh: "变更记录不再延续本机上次看到的记录:此行的哈希已不同(记录被改写后重算)。",
    en: "The change log no longer extends the one this device last saw: this row's hash differs (rewritten and recomputed).",
  },
  "log.badSignature": {
    zh: "此行的签名不成立:签名人的密钥在此时不受信任,或此行之前的记录被改写后重算了校验值。",
    en: "This row's signature does not hold: the signer's key was not trusted at this point, or rows before it were rewritten and their hashes recomputed.",
  },
  "log.unsigned": {
    zh: "此行记录的是须用本人密钥才能做的操作(盖章、归档、销毁、签署规则、变更角色),却没有操作人本人的签名:签名被删除,或此行是他人补写的。",
    en: "This row records an act that needs the person's own key (a stamp, an archiving, a destruction, signed rules, a role change) but carries no signature of theirs: it was removed, or someone else wrote the row.",
  },
  "staff.revokedInLog": {
    zh: "变更记录中此设备已被吊销,但“已吊销”一栏被改回:吊销仍然有效。",
    en: "The change log revoked this device, but its Revoked cell was changed back: the revocation stands.",
  },
  "settings.unsigned": {
    zh: "此设置与管理员签署的设置规则(第 {version} 版)不符,不生效;生效的是:{value}。如需更改,请名簿管理员在“人员”页签署新版本。",
    en: "This setting differs from the Settings rules the administrator signed (version {version}) and has no effect; in force: {value}. To change it, the register administrator signs a new version on the Staff page.",
  },
  "policy.notAdmin": {
    zh: "只有名簿管理员才能签署盖章规则。",
    en: "Only the register administrator signs the stamping rules.",
  },
  "policy.badChain": {
    zh: "盖章顺序中有未知的角色或为空:{value}。",
    en: "A stamp chain is empty or names an unknown role: {value}.",
  },
  "policy.badFields": {
    zh: "盖章覆盖字段为空或有未知字段:{value}。",
    en: "The fields stamps cover are empty or include unknown fields: {value}.",
  },
  "staff.badKey": {
    zh: "公钥无法读取,此行不能盖章;请重新登记设备。",
    en: "The public key cannot be read: this row cannot stamp. Enrol the device again.",
  },
  "stamp.fullyStamped": {
    zh: "此申请的印章已齐,无需再盖章;请在“登记”页登记。",
    en: "Every stamp this request needs is in: nothing more to stamp. Post it on the Post page.",
  },
  "stamp.notYourTurn": {
    zh: "按盖章顺序,现在应由{role}盖章,不是您的角色。",
    en: "By the stamp chain, it is the {role}'s turn, not your role's.",
  },
  "log.chainBroken": {
    zh: "变更记录从此行起被删除、修改或调换过。",
    en: "The change log was deleted, edited or re-ordered from this row on.",
  },
  "list.nothingToStamp": {
    zh: "{value} 的无效名单中没有等您审核的客户。",
    en: "Nothing on the {value} invalid list is waiting for your stamp.",
  },
  "month.format": { zh: "月份应写成 2026-11。", en: "Write the month as 2026-11." },
  "loan.unknown": { zh: "使用登记簿中没有这个借阅编号。", en: "No loan with this number in the Loan log." },
  "loan.notApproved": {
    zh: "此借阅申请尚未经主管盖章批准,不能打印名单。",
    en: "This loan is not approved by a stamp yet: no extract can be printed.",
  },
  "loan.returned": { zh: "此借阅已归还。", en: "This loan was already returned." },
  "loan.noCustomers": {
    zh: "客户原簿中没有符合此申请类别和地区的客户。",
    en: "No customer on the Register matches the loan's class and region.",
  },
  "loan.dueBeforeOut": {
    zh: "应还时间不能早于借出时间。",
    en: "The due time cannot be before the time it goes out.",
  },
  "loan.approverKind": {
    zh: "业务部门的借阅由本部门主管批准,其他部门由总务(管理部)主管批准;对外提供的名单由董事长批准。",
    en: "Business departments' loans are approved by their own head; others by the administration head; lists provided outside the company by the chairman.",
  },
  "loan.returnNotLogged": {
    zh: "“归还时间”是直接填入的,变更记录中没有这次归还:此借阅仍算借出(过了应还时间照样算逾期)。请在“借阅”页登记归还。",
    en: "The “Returned at” time was typed in; the Change log has no such return, so the loan still counts as out (and as overdue once past due). Record the return on the Loans page.",
  },
  "loan.returnUnfinished": {
    zh: "变更记录中此借阅已于 {at} 归还,“归还时间”一栏却不是这个时间:在“借阅”页对它再登记一次归还,即按变更记录写入。",
    en: "The Change log has this loan returned at {at}, but its “Returned at” cell says otherwise: record its return again on the Loans page and the cell is set from the log.",
  },
  "loan.extractLeft": {
    zh: "此借阅已归还(见变更记录),其借阅名单“{sheet}”却仍在工作簿中:在“借阅”页对它再登记一次归还,即删除该工作表。",
    en: "This loan was returned (see the Change log), yet its extract “{sheet}” is still in the workbook: record its return again on the Loans page to remove the sheet.",
  },
  "loan.notOutside": {
    zh: "此借阅没有填写“对外提供对象”:只有经董事长批准的对外提供申请,才能向公司以外的人提供名单。",
    en: "This loan names no outside party: a list goes outside the company only on an outside release the chairman approved.",
  },
  "look.notEnrolled": {
    zh: "“{person}”未在“人员”中登记有效密钥(须经管理员会签):不能查询客户资料(查询人须具备查询权限)。",
    en: "“{person}” holds no valid key on the Staff sheet (countersigned by the administrator): they cannot look up customers (only those with the right may).",
  },
  "look.notAllowed": {
    zh: "{person}({role})没有此项查询权限:设置“查询权限”允许 {roles} 查询任何客户,其他人只能查询自己负责的客户;名单、借阅名单和邮寄表须具备上述角色。",
    en: "{person} ({role}) may not look this up: Settings' “Who may look up customers” allows {roles} to look up any customer; anyone else only the customers they are responsible for, and lists, extracts and mailings need one of those roles.",
  },
  "look.purposeRequired": {
    zh: "请填写用途(查询目的):借阅名单和邮寄表须说明用途,记入变更记录。",
    en: "Say what it is for (the purpose): extracts and mailings need one, and it goes into the Change log.",
  },
  "sheets.lastVisible": {
    zh: "不能隐藏:工作簿必须至少保留一张可见的工作表,而除 {name} 之外没有其他可见的工作表。请先点击“设置工作簿”。",
    en: "Cannot hide: a workbook keeps at least one visible sheet, and there is none besides {name}. Run Set up workbook first.",
  },
  "sheets.notKept": {
    zh: "工作簿中没有要显示的工作表“{name}”。",
    en: "The workbook has no sheet “{name}” to show.",
  },
  "sheets.showMinutes": {
    zh: "显示时长应为 1 至 {max} 分钟的整数。",
    en: "Show it for a whole number of minutes, 1 to {max}.",
  },
  "sheets.unprotected": {
    zh: "工作表“{name}”未受保护:设置“保密工作表隐藏”为是,这张表应受保护,不能直接输入。请在“保密工作表”页点击“全部隐藏并保护”。",
    en: "The sheet “{name}” is not protected: Settings keep it hidden and protected, so nobody types into it. Press “Hide and protect all” on the Kept sheets page.",
  },
  "sheets.shown": {
    zh: "工作表“{name}”应保持隐藏(设置“保密工作表隐藏”为是),但已被手动显示,变更记录中没有显示记录。请在“保密工作表”页点击“全部隐藏并保护”。",
    en: "The sheet “{name}” should be kept hidden (Settings: keep register sheets hidden) but was shown by hand: the Change log holds no show of it. Press “Hide and protect all” on the Kept sheets page.",
  },
  "sheets.shownLate": {
    zh: "工作表“{name}”由 {person} 显示至 {until},时间已过仍未隐藏。请在“保密工作表”页点击“全部隐藏并保护”。",
    en: "The sheet “{name}” was shown by {person} until {until}; the time is up and it is still shown. Press “Hide and protect all” on the Kept sheets page.",
  },
  "sheets.hidden": {
    zh: "工作表“{name}”按设置保持隐藏,无法直接跳转。有权限的人员可在“保密工作表”页临时显示它。",
    en: "The sheet “{name}” is kept hidden, so the pane cannot go there. Someone allowed can show it for a while on the Kept sheets page.",
  },
  "sheets.ruleOff": {
    zh: "设置中“保密工作表隐藏”不是“是”(或尚未由管理员签署):没有要隐藏的工作表。请先在设置中改为“是”,并在“人员”页签署规则。",
    en: "Settings do not say to keep register sheets hidden (or the administrator has not signed it yet): nothing to hide. Set it to yes in Settings and sign the rules on the Staff page first.",
  },
  "key.fewContacts": {
    zh: "重要客户须有两名以上联系人员(现有 {n} 名)。",
    en: "A key customer needs at least two staff contacts (has {n}).",
  },
  "year.format": { zh: "年度应为四位年份,如 2025。", en: "The year is four digits, such as 2025." },
  "contact.notOpen": {
    zh: "没有这条待报告的重大事项(编号不对或已报告)。",
    en: "No such major matter waiting to be reported (wrong number, or already reported).",
  },
  "mail.nothingSelected": {
    zh: "所选条件({filter})没有可邮寄的客户(无效客户不邮寄)。",
    en: "No customer to mail matches the selection ({filter}); invalid customers are left out.",
  },
  "selection.noCustomer": {
    zh: "选中的行没有客户编号或在客户原簿中的企业名称。请选中某客户所在的行。",
    en: "The selected row has no customer ID or Register company name. Select a row that holds a customer.",
  },
  "header.missing": {
    zh: "缺少工作表或表头,请先点击“设置工作簿”。",
    en: "A sheet or header is missing; run “Set up workbook” first.",
  },
  "header.duplicate": {
    zh: "表头“{header}”出现了两次(第 {column} 列是第二个):这一列的内容不会被读取,请删除这一列或改名。",
    en: "The header “{header}” appears twice (column {column} is the second): that column is not read; delete or rename it.",
  },
  "header.repeated": {
    zh: "这一行重复了表头(可能是连同表头一起粘贴的),不是客户数据:请删除这一行。",
    en: "This row repeats the header (probably pasted with it); it is not data: delete the row.",
  },
};

/** The sentence for a problem, with its facts filled in. */
export function ruleText(lang: Lang, problem: Problem, vars: Record<string, string | number> = {}): string {
  const all: Record<string, string | number> = { fix: problem.fix ?? "", ...problem.detail, ...vars };
  // A role travels as its code; the person reads its name.
  if (typeof all.role === "string" && staffRoles.some((r) => r.code === all.role))
    all.role = choiceLabel(staffRoles, all.role, lang);
  if (typeof all.roles === "string")
    all.roles = all.roles
      .split(",")
      .filter(Boolean)
      .map((code) => (staffRoles.some((r) => r.code === code) ? choiceLabel(staffRoles, code, lang) : code))
      .join(lang === "zh" ? "、" : ", ");
  return rules[problem.rule][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(all[name] ?? ""));
}

/**
 * What a result says about interrupted work the action finished first, customers or
 * requests it was not asked about ("" when there was none).
 */
export function finishedNote(lang: Lang, finished: string[], asked: string[] = []): string {
  const others = finished.filter((id) => !asked.includes(id));
  return others.length ? t(lang, "finishedFirst", { list: others.join(lang === "zh" ? "、" : ", ") }) : "";
}
