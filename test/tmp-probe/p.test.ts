import { staffOf, world } from "../excel/integrity/world";
import { isPrintoutSheet } from "../../src/domain/journal/erase";
it("probe", async function () {
  this.timeout(100000);
  const people = await staffOf();
  const base = await world(people);
  for (const n of base.sheetNames()) if (isPrintoutSheet(n)) console.log(n, base.sheet(n).values.length, JSON.stringify(base.sheet(n).values.slice(0, 3)).slice(0, 300));
  const reg = base.sheet("客户原簿").values;
  console.log(reg.length, JSON.stringify(reg[0]));
  for (const r of reg.slice(1, 16)) console.log(r[0], r[1], r[reg[0]!.indexOf("状态")]);
  console.log(base.sheetNames().join(","));
});
