/**
 * A problem found in user input. User input never throws: checks return problems a
 * person can act on. The pane turns `rule` into a sentence in the user's language and
 * `sheet`/`row`/`column` into a link that selects the cell.
 */
export type RuleKey =
  | "required"
  | "tooLong"
  | "text.whitespace"
  | "uscc.format"
  | "uscc.checkDigit"
  | "postcode.format"
  | "phone.format"
  | "email.format"
  | "date.format"
  | "date.future"
  | "number.format"
  | "enum.notAllowed"
  | "duplicate.uscc"
  | "duplicate.name"
  | "duplicate.phone"
  | "dupIndex.stale"
  | "id.format"
  | "cell.error"
  | "phone.tidy"
  | "enum.otherLanguage"
  | "uscc.number"
  | "text.storedAsNumber"
  | "cell.formula"
  | "id.duplicate"
  | "id.unknown"
  | "field.fixed"
  | "staff.unknown"
  | "handOver.same"
  | "handOver.none"
  | "reinstate.pending"
  | "header.missing"
  | "header.duplicate"
  | "header.repeated"
  | "stamp.contentChanged"
  | "stamp.unknownKey"
  | "stamp.notCountersigned"
  | "stamp.revoked"
  | "stamp.wrongRole"
  | "stamp.wrongPerson"
  | "stamp.unreadable"
  | "stamp.incomplete"
  | "stamp.notPending"
  | "stamp.ownRequest"
  | "stamp.otherDepartment"
  | "stamp.notYourTurn"
  | "stamp.fullyStamped"
  | "stamp.otherSubject"
  | "stamp.wordsDiffer"
  | "stamp.fewerFields"
  | "stamp.notAsPosted"
  | "staff.badKey"
  | "stamp.unverified"
  | "staff.adminExists"
  | "staff.otherDevice"
  | "staff.deviceTaken"
  | "staff.revokedInLog"
  | "settings.unsigned"
  | "policy.notAdmin"
  | "policy.badChain"
  | "policy.badFields"
  | "log.chainBroken"
  | "log.checkpoint"
  | "log.erased"
  | "log.truncated"
  | "log.rewritten"
  | "log.badSignature"
  | "log.unsigned"
  | "journal.conflict"
  | "journal.unfinished"
  | "journal.cannotFinish"
  | "journal.notInJournal"
  | "journal.wrongPlace"
  | "journal.duplicateRow"
  | "journal.missingRow"
  | "journal.destroyedData"
  | "journal.requestNotPosted"
  | "journal.requestStatus"
  | "journal.statusDiffers"
  | "journal.adoptRefused"
  | "journal.unlogged"
  | "list.nothingToStamp"
  | "month.format"
  | "loan.unknown"
  | "loan.notApproved"
  | "loan.returned"
  | "loan.noCustomers"
  | "loan.dueBeforeOut"
  | "loan.approverKind"
  | "loan.returnNotLogged"
  | "loan.returnUnfinished"
  | "loan.extractLeft"
  | "loan.notOutside"
  | "look.notEnrolled"
  | "look.notAllowed"
  | "look.purposeRequired"
  | "sheets.lastVisible"
  | "sheets.notKept"
  | "sheets.showMinutes"
  | "sheets.unprotected"
  | "sheets.shown"
  | "sheets.shownLate"
  | "sheets.hidden"
  | "sheets.ruleOff"
  | "key.fewContacts"
  | "year.format"
  | "contact.notOpen"
  | "mail.nothingSelected"
  | "selection.noCustomer";

export interface Problem {
  /** Sheet key from the schema, e.g. "register". */
  sheet: string;
  /** 1-based worksheet row number as Excel shows it (header is row 1). */
  row: number;
  /** Column key from the schema, e.g. "postcode". */
  column: string;
  rule: RuleKey;
  /** The value as it stands in the cell, as text. */
  value: string;
  /** The normalised value we offer, when the input can be fixed mechanically. */
  fix?: string;
  /** Extra facts for the message, e.g. the other row of a duplicate, allowed values. */
  detail?: Record<string, string | number>;
  /**
   * Not an error: a valid value written another way than the register's usual one (a
   * phone with brackets or +86). Offered as a tidy-up (`fix`); the CLI's exit status and
   * the problem count leave it out.
   */
  tidy?: boolean;
}

/** Outcome of checking one value: the normalised value, or a problem without its cell. */
export type Check<T = string> =
  | { ok: true; value: T; fixed?: boolean }
  | { ok: false; rule: RuleKey; fix?: string; detail?: Record<string, string | number> };
