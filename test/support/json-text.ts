/**
 * What the weight tests share (test/domain/json-bytes.test.ts, test/host/weigh.test.ts):
 * the bytes JSON in UTF-8 takes, written out, and text of every kind a cell can hold.
 */
import fc from "fast-check";

export const written = (value: unknown) => new TextEncoder().encode(JSON.stringify(value) ?? "").length;

/** Text of every kind a cell can hold: escapes, controls, CJK, emoji, lone surrogates. */
export const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      "\\",
      "\n",
      "\t",
      "\b",
      "\f",
      "\r",
      "\u0001",
      "\u001f",
      "a",
      "章",
      "é",
      "😀",
      "\ud800",
      "\udfff",
      "\u2028",
      "\u007f",
    ),
  }),
  fc.string({ unit: "grapheme" }),
);
