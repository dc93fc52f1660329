// Lint: the Office add-in rules (load before read, no sync in a loop, null objects…) on
// every TypeScript file, React rules on the pane, and prettier formatting everywhere.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const officeRules = officeAddins.configs.recommended.find(
  (c) => c.rules?.["office-addins/call-sync-after-load"],
);

export default [
  { ignores: ["dist/**", "build/**", "node_modules/**", "test-output/**"] },
  {
    files: ["**/*.cjs", "webpack.config.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        console: "readonly",
        __dirname: "readonly",
        process: "readonly",
      },
    },
  },
  ...officeAddins.configs.react,
  {
    files: ["**/*.tsx"],
    plugins: officeRules.plugins,
    languageOptions: {
      parser: tsParser,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: officeRules.rules,
  },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      parser: tsParser,
      sourceType: "module",
      globals: {
        window: "readonly",
        document: "readonly",
        console: "readonly",
        process: "readonly",
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        crypto: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        navigator: "readonly",
        localStorage: "readonly",
        describe: "readonly",
        it: "readonly",
        before: "readonly",
        after: "readonly",
        beforeEach: "readonly",
        afterEach: "readonly",
        HTMLElement: "readonly",
        performance: "readonly",
      },
    },
    rules: {
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
      "no-undef": "off",
    },
  },
  {
    // The host's own tests read unloaded properties on purpose: that is what they pin. The
    // Node tool (src/cli) and the print tests use ExcelJS, which has no load/sync at all.
    files: ["test/host/**", "src/cli/**", "test/cli/**", "test/support/print.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-context-sync-in-loop": "off",
    },
  },
];
