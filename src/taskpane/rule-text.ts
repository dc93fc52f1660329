/**
 * The sentences for problems (one per rule) and what a result says about interrupted work:
 * the pages' words, apart from i18n.ts, which the pane's shell loads at start (issue 15).
 */
import { staffRoles } from "../domain/schema/choices";
import { choiceLabel, type Lang } from "../domain/schema/model";
import type { Problem, RuleKey } from "../domain/problem";
import { t } from "./i18n";
import { schemaByKey } from "../domain/schema/sheets";

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
  "dupIndex.stale": {
    zh: "隐藏的查重索引与本行的信用代码、名称、电话不符(本行是手工输入或修改的):新申请查重时可能漏掉本行。请运行“设置工作簿”重建索引。",
    en: "The hidden duplicate index does not match this row's credit code, name and phone (the row was typed or edited by hand): a new request's duplicate check may miss it. Run Set up workbook to rebuild the index.",
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
  "log.checkpoint": {
    zh: "此检查点所记的“{value}”与其上各行不符(时间、未完成的操作或所列的行)。",
    en: "What this checkpoint says of “{value}” is not what the rows above it say (the time, the unfinished ops or the rows it lists).",
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
  // The other row's sheet by its name, not its key ("与“客户原簿”第 2 行重复").
  if (all.otherSheet !== undefined && all.otherSheetName === undefined)
    all.otherSheetName = schemaByKey(String(all.otherSheet)).name[lang];
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
