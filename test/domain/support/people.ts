/** Staff with real keys, countersigned by a real administrator, for tests of stamps and posting. */
import { toBase64 } from "../../../src/domain/stamps/encoding";
import { fingerprint } from "../../../src/domain/stamps/keys";
import { countersign, type StaffEntry } from "../../../src/domain/stamps/staff";
import { intake, register } from "../../../src/domain/schema/sheets";
import { sampleCustomer } from "../../../src/domain/sample";
import type { Cell } from "../../../src/domain/workbook";
import { defaultSettings, policyVersion } from "../../../src/domain/settings";
import { defaultStampedFields, formatStamps, makeStamp, type Stamp } from "../../../src/domain/stamps/stamps";

export interface Person {
  entry: StaffEntry;
  privateKey: CryptoKey;
  fp: string;
}

export async function person(
  row: number,
  name: string,
  role: string,
  department = "业务一部",
): Promise<Person> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const publicKey = toBase64(await crypto.subtle.exportKey("spki", pair.publicKey));
  const entry: StaffEntry = {
    row,
    name,
    department,
    role,
    device: "laptop",
    publicKey,
    countersign: "",
    revoked: false,
    since: "",
  };
  return { entry, privateKey: pair.privateKey, fp: await fingerprint(publicKey) };
}

/** An administrator, a department head and the chairman, all countersigned. */
export async function office() {
  const admin = await person(2, "赵管理", "admin", "财务科");
  const head = await person(3, "王主管", "deptHead");
  const chairman = await person(4, "李董事长", "chairman", "总务部");
  for (const p of [admin, head, chairman]) p.entry.countersign = await countersign(admin.privateKey, p.entry);
  return { admin, head, chairman, entries: [admin.entry, head.entry, chairman.entry] };
}

/** The Stamps cell a chain of people would leave on an intake request with these values. */
export async function stampCell(
  values: Record<string, string>,
  people: Person[],
  kind = "intake",
): Promise<string> {
  const stamps: Stamp[] = [];
  for (const p of people) {
    stamps.push(
      await makeStamp(p.privateKey, { kind, ref: values.requestNo ?? "", values }, stamps, {
        role: p.entry.role,
        name: p.entry.name,
        time: "2026-11-24T10:00",
        decision: "approve",
        key: p.fp,
        fields: defaultStampedFields,
        policy: policyVersion(defaultSettings),
      }),
    );
  }
  return formatStamps(stamps, "zh");
}

/** An intake request (class A) for sample customer i, stamped by `people`, in the given status. */
export async function stampedRequest(i: number, people: Person[], status = "已批准"): Promise<Cell[]> {
  const customer = sampleCustomer(i, "zh");
  const values: Record<string, Cell> = {
    requestNo: `R${String(i + 1).padStart(6, "0")}`,
    requestDate: "2026-11-20",
    intakeStatus: status,
  };
  register.columns.forEach((c, k) => {
    if (intake.columns.some((x) => x.key === c.key) && !["stamps", "notes", "requestNo"].includes(c.key))
      values[c.key] = customer[k]!;
  });
  values.class = "A";
  // A department head approves only their own department's requests.
  const head = people.find((p) => p.entry.role === "deptHead");
  if (head) values.department = head.entry.department;
  const text = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  values.stamps = await stampCell(text, people);
  return intake.columns.map((c) => values[c.key] ?? "");
}
