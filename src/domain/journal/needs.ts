/**
 * What a run over the journal reads when it need not read everything (issue 15).
 *
 * A run first finishes every op the Change log left unfinished, whoever started it, and any
 * of them may need any sheet — so a run that meets one reads the journal's sheets whole,
 * as before (the adapter's fallback, excel/actions/journal-plan-apply.ts). Which ops are
 * unfinished is told by two columns of every row, `action` and `op`, read top to bottom:
 * an intent's op with no `done` row. That is the everyday case, and then a run needs of the
 * log only what its own decisions rest on:
 *
 * - the trust skeleton every plan starts from (partial-read.ts `logSkeleton`): every row's
 *   time, the key and policy rows whole;
 * - every row about the customers and requests it acts on, and about the customers and
 *   requests those rows name in turn, until nothing new is named (`journalClosure`). A
 *   customer's place and status are a fold of its rows, and a post is judged against the
 *   request's other rows and the customer's: the fold of this closure gives, for each of
 *   them, exactly what the fold of the whole log gives;
 * - the last row, which the chain continues from.
 *
 * Rows outside the closure carry only the columns read (time, action, op, and what the
 * action keeps): the fold gives no customer a state from them, so a plan never mistakes a
 * customer it did not read for one it knows.
 */
import { text } from "../records";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  destructionLog,
  intake,
  register,
} from "../schema/sheets";
import { logSkeleton, oncePerColumns, type ColumnsOf, type Need } from "../partial-read";
import { staffContactsOf } from "../contacts";
import { intakeStatuses } from "../schema/choices";
import { choiceCode } from "../schema/model";
import type { Cell } from "../workbook";
import { DUP_INDEX } from "../validate/index-cell";
import { MOVES } from "./journal";

/** The customers and requests a run acts on. */
export interface JournalSeed {
  customers?: readonly string[];
  requests?: readonly string[];
}

/**
 * The rows (0-based; row 0 is the header) of the log about the seed's customers and
 * requests and, in turn, about every customer and request those rows name.
 */
export function journalClosure(columns: Record<string, Cell[]>, height: number, seed: JournalSeed): number[] {
  const ids = columns.customerId ?? [];
  const requests = columns.requestNo ?? [];
  const byId = new Map<string, number[]>();
  const byRequest = new Map<string, number[]>();
  const file = (index: Map<string, number[]>, key: string, r: number) => {
    const rows = index.get(key);
    if (rows) rows.push(r);
    else index.set(key, [r]);
  };
  for (let r = 1; r < height; r++) {
    const id = text(ids[r - 1]);
    const request = text(requests[r - 1]);
    if (id) file(byId, id, r);
    if (request) file(byRequest, request, r);
  }
  const rows = new Set<number>();
  const seenIds = new Set<string>();
  const seenRequests = new Set<string>();
  const todo: ["id" | "request", string][] = [
    ...(seed.customers ?? []).map((id): ["id", string] => ["id", id]),
    ...(seed.requests ?? []).map((no): ["request", string] => ["request", no]),
  ];
  while (todo.length) {
    const [kind, key] = todo.pop()!;
    if (!key) continue;
    const seen = kind === "id" ? seenIds : seenRequests;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const r of (kind === "id" ? byId : byRequest).get(key) ?? []) {
      if (rows.has(r)) continue;
      rows.add(r);
      todo.push(["id", text(ids[r - 1])], ["request", text(requests[r - 1])]);
    }
  }
  return [...rows];
}

/**
 * The closure of a seed found by Excel rather than by reading the log's two columns
 * (excel/partial.ts): Excel is asked where each name met is (counts and MATCH), the rows it
 * finds are read for the names they hold in turn, and so on until no new name is met. Each
 * row read goes through `read`; a row naming a name met is in the closure, and a name met
 * later takes the rows read before that name it. Over rows read wherever a name met is, the
 * rows it ends with are `journalClosure`'s.
 */
export class ClosureSearch {
  /** The closure's rows (0-based), with the customer and request each names. */
  readonly rows = new Map<number, readonly [string, string]>();
  /** Every row read, with its two names. */
  readonly scanned = new Map<number, readonly [string, string]>();
  private readonly customers = new Set<string>();
  private readonly requests = new Set<string>();
  private fresh: { customers: string[]; requests: string[] } = { customers: [], requests: [] };

  constructor(seed: JournalSeed) {
    for (const id of seed.customers ?? []) this.meet("customer", text(id));
    for (const no of seed.requests ?? []) this.meet("request", text(no));
  }

  /** How many names have been met. */
  get names(): number {
    return this.customers.size + this.requests.size;
  }

  /** The names met since the last call to `next`, still waiting to be asked about. */
  get waiting(): { readonly customers: readonly string[]; readonly requests: readonly string[] } {
    return this.fresh;
  }

  /** The names met since the last call: what Excel is asked about next. */
  next(): { customers: string[]; requests: string[] } {
    const fresh = this.fresh;
    this.fresh = { customers: [], requests: [] };
    return fresh;
  }

  /** A row read, with its customer and request cells. */
  read(row: number, customerId: Cell | undefined, requestNo: Cell | undefined): void {
    const pair = [text(customerId), text(requestNo)] as const;
    this.scanned.set(row, pair);
    if (this.customers.has(pair[0]) || this.requests.has(pair[1])) this.take(row, pair);
  }

  private take(row: number, pair: readonly [string, string]): void {
    if (this.rows.has(row)) return;
    this.rows.set(row, pair);
    const met = [this.meet("customer", pair[0]), this.meet("request", pair[1])];
    if (!met.some(Boolean)) return;
    for (const [r, other] of this.scanned)
      if ((met[0] && other[0] === pair[0]) || (met[1] && other[1] === pair[1])) this.take(r, other);
  }

  /** Meets a name; whether it is new. */
  private meet(kind: "customer" | "request", name: string): boolean {
    const seen = kind === "customer" ? this.customers : this.requests;
    if (!name || seen.has(name)) return false;
    seen.add(name);
    (kind === "customer" ? this.fresh.customers : this.fresh.requests).push(name);
    return true;
  }
}

/**
 * What the journal's fold reads of a row to place its customer (journal.ts `foldJournal`):
 * a look, and an act that finishes nothing, reads its customers' rows of the log only
 * across these — not their approvals, salts, digests, hashes or signatures, most of a row's
 * bytes. Rows read for trust, for the loans' events and the last row (the chain) are read
 * whole all the same.
 */
export const FOLD_COLUMNS = [
  "time",
  "person",
  "action",
  "op",
  "customerId",
  "requestNo",
  "field",
  "newValue",
  "reason",
];

/**
 * The Change log as a run over the journal needs it: the trust skeleton, `action` and `op`
 * of every row (unfinished ops), the closure of the seed whole, the last row. `keep` puts
 * more columns of every row into the snapshot (the numbers a new ID must not repeat).
 */
export function journalLog(
  /** The seed, or how to find it in other sheets' columns read in the same round (a hand-over's customers). */
  seed: JournalSeed | ((others: ColumnsOf) => JournalSeed),
  keep: ("customerId" | "requestNo")[] = [],
  /** Rows read whole besides, by their action (the loans' extracts and returns). */
  actions?: ReadonlySet<string>,
  /**
   * The columns the closure's rows are read in. A plan uses them for the fold alone — where
   * each customer is — when no op is unfinished, and with one the adapter reads everything
   * (journal-plan-apply.ts). `null`: whole, for a destruction, which erases their words.
   */
  closureColumns: string[] | null = FOLD_COLUMNS,
): Need {
  const need: Need = {
    ...logSkeleton(actions && { columns: [], actions }),
    columns: ["time", "action", "op", ...keep],
    sinceCheckpoint: ["time", "action", "op"],
  };
  // A run about no customer or request (filing a new one) needs no closure, nor its columns.
  if (typeof seed !== "function" && !seed.customers?.length && !seed.requests?.length) return need;
  return {
    ...need,
    // Columns kept whole (the numbers a new ID skips) are read top to bottom anyway.
    ...(typeof seed !== "function" && keep.length === 0 && { countedSeed: seed }),
    peek: ["customerId", "requestNo"],
    ...(closureColumns && { chooseColumns: closureColumns }),
    choose: (columns, height, others) =>
      journalClosure(columns, height, typeof seed === "function" ? seed(others) : seed),
  };
}

/**
 * The log's rows that can change where a customer is (journal.ts `foldJournal`): the moves
 * and the invalid marks. A fold of only these rows places every customer — on the Register,
 * an archive, destroyed, or nowhere — and marks it invalid exactly as the fold of the whole
 * log does: each of them is judged only against what rows of the same actions did before
 * it (a customer's state, a request's posting). The other rows (reviews, corrections,
 * looks, stamps, requests filed, "done") change no place.
 */
export const PLACING_ACTIONS: ReadonlySet<string> = new Set([...MOVES, "markInvalid"]);

/**
 * The Change log as a look at where every customer is needs it (the review worklist and
 * the printable review list, issue 15): the trust skeleton, with `action` read top to
 * bottom (it chooses the rows, above a checkpoint too), the rows of `PLACING_ACTIONS` from
 * `time` to `reason` only (not the approvals, salts, digests, hashes and signatures), and the last row whole (the chain). A look at every customer read through the
 * closure of every customer would read nearly every row: the reviews, looks and
 * corrections the log holds most of change no one's place.
 */
export function placesNeed(): Need {
  const skeleton = logSkeleton();
  return {
    ...skeleton,
    columns: ["time", "action", "op"],
    peek: [],
    sinceCheckpoint: ["time", "op"],
    chooseColumns: ["action", "reason"],
    choose: (columns, height) => {
      const actions = columns.action ?? [];
      const rows: number[] = [];
      for (let r = 1; r < height; r++) if (PLACING_ACTIONS.has(text(actions[r - 1]))) rows.push(r);
      return rows;
    },
  };
}

/**
 * The review worklist and the printable review list (review.ts): the Register's columns the
 * worklist shows, top to bottom — never its Stamps — and the places of every customer
 * (`placesNeed`), so a row the journal does not place on the Register is on no list and of
 * a customer on two rows the first counts, as a whole read has it.
 */
export function worklistNeeds(): Need[] {
  return [
    placesNeed(),
    { schema: register, columns: ["id", "name", "department", "responsible", "lastReviewDate"] },
  ];
}

/** The labels, in either language, of a request still open: compared with for duplicates. */
const OPEN_LABELS = intakeStatuses
  .filter((s) => ["draft", "pending", "approved"].includes(s.code))
  .flatMap((s) => [s.zh, s.en]);

/**
 * Filing a request: the highest request number ever used (Intake's and the log's, found
 * without their columns: partial-read.ts `highest`), and what the duplicate check compares —
 * the open requests' rows, and the Register's rows whose duplicate index holds one of the
 * request's keys or no index (found by Excel's counts; on a Register set up before the
 * index, its credit codes, names and phones read top to bottom).
 */
export function intakeNeeds(
  /** The request's keys as the index holds them (intake.ts `intakeFragments`). */
  fragments: readonly string[],
): Need[] {
  return [
    { ...journalLog({}), highest: { column: "requestNo", prefix: "R" } },
    // The open requests' rows, found by Excel's counts of their status (few, near the end).
    {
      schema: intake,
      keyed: { column: "intakeStatus", keys: OPEN_LABELS },
      highest: { column: "requestNo", prefix: "R" },
    },
    {
      schema: register,
      search: {
        column: DUP_INDEX,
        fragments,
        otherwise: { columns: ["uscc", "name", "phone"] },
      },
    },
  ];
}

/** Stamping requests: their rows whole (found by number), and their closure in the log. */
export function stampingNeeds(requestNos: string[]): Need[] {
  return [
    journalLog({ requests: requestNos }),
    { schema: intake, keyed: { column: "requestNo", keys: requestNos } },
  ];
}

/**
 * Posting requests by number — or "all": every request whose status is not 已登记 or 已驳回
 * (the plan skips those whatever the log says) — their rows whole, their closure in the log
 * (a reinstatement request names its customer there), the suspended archive's IDs (the rows a
 * reinstatement moves), the Register's rows of the customers the closure names, the highest
 * customer ID ever used (on the log, the Register, the
 * archives, the tombstones: a new ID repeats none), and the
 * department lists in part (run.ts: the pages the new rows go into).
 */
export function postingNeeds(requestNos: string[] | "all"): Need[] {
  const wanted = requestNos === "all" ? undefined : new Set(requestNos);
  const open = (status: Cell | undefined) => {
    const code = choiceCode(intakeStatuses, text(status));
    return code !== "posted" && code !== "rejected";
  };
  // The rows (0-based) of the requests asked for, from Intake's columns as read.
  // Asked twice in a read (Intake's choice, the log's seed): Intake is scanned once.
  const asked = oncePerColumns(({ columns, height }) => {
    const rows: number[] = [];
    for (let r = 1; r < height; r++) {
      const no = text(columns.requestNo?.[r - 1]);
      if (wanted ? wanted.has(no) : no !== "" && open(columns.intakeStatus?.[r - 1])) rows.push(r);
    }
    return rows;
  });
  return [
    {
      ...journalLog(
        wanted
          ? { requests: requestNos as string[] }
          : (others) => {
              const req = others(intake);
              return {
                requests: req ? asked(req, others).map((r) => text(req.columns.requestNo?.[r - 1])) : [],
              };
            },
      ),
      highest: { column: "customerId", prefix: "C" },
    },
    // Named: their rows, found by Excel where they are few. For "all", each row's status is
    // kept: a row not read whole is one the plan skips by it.
    wanted
      ? { schema: intake, keyed: { column: "requestNo", keys: requestNos as string[] } }
      : {
          schema: intake,
          columns: ["requestNo", "intakeStatus"],
          choose: (columns, height, others) => asked({ columns, height }, others),
        },
    // The Register's rows of the customers the closure names (a reinstatement's customer may
    // stand there already), and its highest ID.
    {
      schema: register,
      columns: ["id"],
      highest: { column: "id", prefix: "C" },
      closureRows: [{ column: "id", names: "customers" }],
    },
    // Read whole: a reinstatement moves its customer's row from here, known once the log is.
    { schema: archiveSuspended, columns: ["id"] },
    { schema: archivePast, highest: { column: "id", prefix: "C" } },
    { schema: destructionLog, highest: { column: "customerId", prefix: "C" } },
  ];
}

/**
 * Acting on customers on the Register (correcting, ending relationships; confirming reviews
 * and marking invalid through `settingNeeds`): their closure in the log, the Register's ID
 * column (a customer on two rows is refused, never guessed) and their rows whole, and —
 * for a termination — the archive's ID column (a customer already there is not added
 * twice). The department lists are read in part (run.ts).
 */
export function customerNeeds(ids: readonly string[], archive?: typeof archiveSuspended): Need[] {
  return [
    journalLog({ customers: ids }),
    { schema: register, keyed: { column: "id", keys: ids } },
    ...(archive ? [{ schema: archive, keyed: { column: "id", keys: ids } }] : []),
  ];
}

/**
 * Columns an act that sets other cells of its customers' Register rows leaves unread there:
 * the Stamps (four fifths of a stamped row's bytes). Nothing such an act plans — the cells it
 * sets, its log rows, the department lists' rows — reads a stamp; a correction (which fields
 * the stamps cover) and a termination (the row moves with them) read the rows whole.
 */
const STAMPS_UNREAD = ["stamps"];

/**
 * Confirming reviews and marking invalid: as `customerNeeds`, their Register rows read
 * without the Stamps cell (`STAMPS_UNREAD`).
 */
export function settingNeeds(ids: readonly string[]): Need[] {
  return customerNeeds(ids).map((need) =>
    need.schema === register ? { ...need, notRead: STAMPS_UNREAD } : need,
  );
}

/**
 * Asking to bring suspended customers back: their closure in the log (an open request for
 * one of them), their archived rows, and the request numbers ever used (Intake's and the
 * log's) with the requests' status (a request still open is not asked again).
 */
export function reinstatementRequestNeeds(ids: readonly string[]): Need[] {
  return [
    journalLog({ customers: ids }, ["requestNo"]),
    { schema: intake, columns: ["requestNo", "intakeStatus"] },
    { schema: archiveSuspended, keyed: { column: "id", keys: ids } },
  ];
}

/**
 * Handing a leaver's customers over: the Register's rows that name them (responsible, or
 * among a key customer's staff contacts) whole but for their Stamps (`STAMPS_UNREAD`), with every row's ID (a customer on two rows
 * stops the hand-over), and the closure in the log of the customers those rows name — found
 * from the Register's columns read in the same round.
 */
export function handOverNeeds(from: string): Need[] {
  const leaver = from.trim();
  const theirs = (responsible: Cell | undefined, staffContacts: Cell | undefined) =>
    text(responsible) === leaver || staffContactsOf(staffContacts ?? "").includes(leaver);
  return [
    journalLog((others) => {
      const reg = others(register);
      const customers: string[] = [];
      if (reg)
        for (let r = 0; r < reg.height - 1; r++)
          if (theirs(reg.columns.responsible?.[r], reg.columns.staffContacts?.[r]))
            customers.push(text(reg.columns.id?.[r]));
      return { customers };
    }),
    {
      schema: register,
      columns: ["id", "responsible", "staffContacts"],
      pick: (cells) => theirs(cells.responsible, cells.staffContacts),
      notRead: STAMPS_UNREAD,
    },
  ];
}

/**
 * Destroying archived customers: their closure in the log (rows whose words are erased),
 * their archived rows whole (what the stamp's digest covers) with both archives' ID
 * columns, the tombstones' IDs, their requests on Intake whole — found by the customer, or
 * by the request numbers the log's rows about them name, read in the same round — and the
 * rows of their contacts and results (deleted). The printouts' lines naming them are found
 * by Excel's search once the plan knows their words (erase.ts `clearPrintouts`, `FindWords`).
 */
export function destructionNeeds(ids: readonly string[]): Need[] {
  const wanted = new Set(ids);
  const archived = (schema: typeof archiveSuspended): Need => ({
    schema,
    keyed: { column: "id", keys: ids },
  });
  return [
    // Whole: the erasure blanks the words of every row about them, and re-seals their digests.
    journalLog({ customers: ids }, [], undefined, null),
    archived(archiveSuspended),
    archived(archivePast),
    { schema: destructionLog, columns: ["customerId"] },
    {
      schema: intake,
      // Found with the log's closure by Excel: the rows naming its customers or requests.
      closureRows: [
        { column: "customerId", names: "customers" },
        { column: "requestNo", names: "requests" },
      ],
      columns: ["requestNo", "customerId"],
      choose: (columns, height, others) => {
        const log = others(changeLog);
        const requests = new Set<string>();
        if (log)
          for (let r = 0; r < log.height - 1; r++)
            if (wanted.has(text(log.columns.customerId?.[r]))) requests.add(text(log.columns.requestNo?.[r]));
        requests.delete("");
        const rows: number[] = [];
        for (let r = 1; r < height; r++)
          if (wanted.has(text(columns.customerId?.[r - 1])) || requests.has(text(columns.requestNo?.[r - 1])))
            rows.push(r);
        return rows;
      },
    },
    { schema: contacts, keyed: { column: "customerId", keys: ids } },
    { schema: annualResults, keyed: { column: "customerId", keys: ids } },
  ];
}
