/**
 * What changed since an earlier stamp (issue 17): the stamp page shows a head who rejected
 * a request, or a clerk whose stamp stopped holding, which fields changed and how.
 */
import assert from "node:assert/strict";
import { changesSince, lastStampSeen, type StampSeen } from "../../src/domain/stamp-diff";

const fields = [
  { key: "name", value: "杭州恒泰电子有限公司" },
  { key: "address", value: "杭州市西湖区文三路100号" },
  { key: "creditRating", value: "B" },
];
const seen = (over: Partial<StampSeen>): StampSeen => ({
  root: "E642 E469",
  requestNo: "R000001",
  filed: "2026-11-20",
  name: "王建国",
  at: "2026-11-20 10:00",
  decision: "reject",
  fields,
  ...over,
});

describe("what changed since my stamp", () => {
  it("names each changed field with its value then and now, in the request's order; unchanged fields are not listed", () => {
    const now = [
      fields[0]!,
      { key: "address", value: "杭州市西湖区文三路200号" },
      { key: "creditRating", value: "A" },
    ];
    assert.deepEqual(changesSince(seen({}), now), [
      { key: "address", was: "杭州市西湖区文三路100号", now: "杭州市西湖区文三路200号" },
      { key: "creditRating", was: "B", now: "A" },
    ]);
    assert.deepEqual(changesSince(seen({}), fields), []);
  });

  it("a field the stamp did not cover then counts as changed from empty; emptied counts as changed", () => {
    const now = [{ key: "name", value: "" }, ...fields.slice(1), { key: "postcode", value: "310012" }];
    assert.deepEqual(changesSince(seen({}), now), [
      { key: "name", was: "杭州恒泰电子有限公司", now: "" },
      { key: "postcode", was: "", now: "310012" },
    ]);
  });

  it("the latest stamp on the same request of the same workbook counts; another workbook's or another year's R000001 does not", () => {
    const first = seen({ at: "2026-11-20 10:00", decision: "reject" });
    const again = seen({ at: "2026-11-22 09:30", decision: "approve" });
    const other = seen({ root: "AAAA", at: "2026-11-23 09:00" });
    const lastYear = seen({ filed: "2025-11-20", at: "2026-11-24 09:00" });
    const request = { root: "E642 E469", requestNo: "R000001", filed: "2026-11-20" };
    assert.equal(lastStampSeen([again, first, other, lastYear], request), again);
    assert.equal(lastStampSeen([first, other, lastYear], request), first);
    assert.equal(lastStampSeen([other, lastYear], request), undefined);
    assert.equal(lastStampSeen([first], { ...request, requestNo: "R000002" }), undefined);
  });
});
