/**
 * Objects of many keys made compact (issue 15). V8 keeps an object's fields in place, in a
 * shape shared by every object given the same keys in the same order — unless the keys are
 * given one at a time by a computed name past a handful of them (about 17 on Node 20): the
 * object then turns into a hash table of its own. The Register's 33 columns, Intake's 28 and
 * the archives' 35 all passed that, so every record of those sheets (and every stamped row's
 * values as text) was a hash table: about four times the memory of a compact one, slower to
 * read, and slower to make. At 100,000 customers that is what Validate's collector spent
 * its time copying.
 *
 * JSON.parse gives compact objects of any number of keys, in shapes V8 shares; freezing
 * one then shares its frozen shape too (a compact copy made with `{ ...template }` does
 * not: each frozen copy got a shape of its own). So: an object of few keys is given them
 * one at a time, as before; one of many starts as JSON.parse of its keys with blank values
 * and has its values set in place. The object is the same to every reader either way: own,
 * enumerable keys in the same order, the same values.
 */

/** Up to this many keys, given one at a time (every sheet of fewer columns, the Change log's 15). */
const FEW = 16;

export type Blank = () => Record<string, unknown>;

/** A maker of fresh objects holding `keys` in that order, each value "" — to be set in place. */
export function blankMaker(keys: readonly string[]): Blank {
  if (keys.length <= FEW || keys.includes("__proto__"))
    return () => {
      const o: Record<string, unknown> = {};
      for (const key of keys)
        if (key === "__proto__")
          Object.defineProperty(o, key, { value: "", enumerable: true, writable: true, configurable: true });
        else o[key] = "";
      return o;
    };
  const blank: Record<string, string> = {};
  for (const key of keys) blank[key] = "";
  const json = JSON.stringify(blank);
  // Each field made to hold any value once, here: a record storing a number where the blank
  // held text would otherwise change the shared shape at its first row, and again later.
  const warm = JSON.parse(json) as Record<string, unknown>;
  for (const key of keys) warm[key] = 0;
  for (const key of keys) warm[key] = "";
  return () => JSON.parse(json) as Record<string, unknown>;
}

/** The maker for the last keys asked for, while the keys asked for are the same ones. */
export function lastMaker(): (keys: readonly string[]) => Blank {
  let last: { keys: readonly string[]; make: Blank } | undefined;
  return (keys) => {
    if (!last || !sameKeys(last.keys, keys)) last = { keys: [...keys], make: blankMaker(keys) };
    return last.make;
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
