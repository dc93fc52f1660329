import base from "./stryker.config.mjs";
export default {
  ...base,
  mutate: ["src/domain/journal/run.ts:102-111", "src/domain/trace.ts:138-166"],
  mochaOptions: {
    ...base.mochaOptions,
    spec: [
      "test/domain/**/*.test.ts",
      "test/excel/post-requests.test.ts",
      "test/excel/correction.test.ts",
      "test/excel/trace.test.ts",
      "test/excel/lifecycle.test.ts",
    ],
  },
  incremental: false,
  reporters: ["json", "clear-text"],
  jsonReporter: { fileName: "/tmp/narrow-mutation.json" },
};
