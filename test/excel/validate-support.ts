/**
 * What the Validate-again tests share (validate-changed, validate-kept): a pane that
 * watches what changes, a checker that keeps its read as the pane's worker does, a whole
 * read to compare with, and problems as places and rules.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";
import { ChangeWatch } from "../../src/excel/change-watch";
import { checkInput, checkedSheets, type CheckInput } from "../../src/domain/workbook-check";
import { KeptSnapshot } from "../../src/domain/snapshot-patch";
import { findSheet } from "../../src/domain/layout";
import type { Snapshot } from "../../src/domain/workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { envOf } from "./fixtures";

/** The pane's environment: the change watch started, as App starts it. */
export async function watched(host: MemoryExcelHost): Promise<ExcelEnv & { watch: ChangeWatch }> {
  const env = envOf(host);
  const watch = new ChangeWatch();
  env.sheetNames!.changes = watch;
  await watch.start(env);
  assert.ok(watch.live, "the host announces changes");
  return Object.assign(env, { watch });
}

/** A checker that keeps its own read (as the pane's worker does) and hands over what it checked. */
export function keepingChecker() {
  const kept = new KeptSnapshot();
  const seen: { snapshot?: Snapshot } = {};
  const check = (input: CheckInput) => {
    const snapshot = kept.resolve(input);
    if (input.keepAs) kept.keep(input.keepAs, snapshot);
    seen.snapshot = snapshot;
    return checkInput({ ...input, snapshot, patch: undefined, keepAs: undefined });
  };
  return { check, seen, kept };
}

/** The sheets Validate reads, read whole now by a pane that watches nothing. */
export async function wholeRead(host: MemoryExcelHost): Promise<Snapshot> {
  const env = envOf(host);
  return env.run((context) =>
    new Book(context, env.platform).read((names) =>
      checkedSheets.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
    ),
  );
}

export const located = (problems: { sheetName: string; address: string; rule: string; value?: string }[]) =>
  problems.map((p) => `${p.sheetName}!${p.address} ${p.rule} ${p.value ?? ""}`).sort();
