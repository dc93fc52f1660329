/**
 * The add-in manifest, checked offline: Office's own manifest reader must read it, Office's
 * converter must turn it into the unified JSON manifest, and that must validate against
 * the JSON schema shipped in @microsoft/app-manifest. Icons must exist at the sizes named.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { OfficeAddinManifest } from "office-addin-manifest";
import { convert } from "office-addin-manifest-converter";
import { ManifestUtil } from "@microsoft/app-manifest";

const require = createRequire(import.meta.url);
const schemas = join(require.resolve("@microsoft/app-manifest/package.json"), "..", "build", "json-schemas");

/** Converts an XML manifest and validates the result; returns the schema errors (none is good). */
async function convertAndValidate(
  xmlPath: string,
): Promise<{ errors: string[]; json: Record<string, unknown> }> {
  const out = mkdtempSync(join(tmpdir(), "manifest-"));
  try {
    const quiet = console.log;
    console.log = () => {};
    try {
      await convert(xmlPath, out, false);
    } catch (error) {
      // Office's own manifest parser refused it.
      return { errors: [`converter: ${String(error)}`], json: {} };
    } finally {
      console.log = quiet;
    }
    const json = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const path = /json-schemas\/(.+)#?$/.exec(String(json.$schema))![1]!.replace(/#$/, "");
    // The published schema has an invalid \a escape; Microsoft's own loader patches it the same way.
    const schema = JSON.parse(readFileSync(join(schemas, path), "utf8").replace(/\\a/g, "\\x07"));
    return { errors: await ManifestUtil.validateManifestAgainstSchema(json, schema), json };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString("ascii"), "PNG", `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("manifest.xml", function () {
  this.timeout(60_000);

  it("is read by Office's manifest tooling as an Excel task-pane add-in", async () => {
    const info = await OfficeAddinManifest.readManifestFile("manifest.xml");
    assert.equal(info.id, "200e132b-5ef3-41e7-a4db-b1a1bf7bfa42");
    assert.equal(info.displayName, "Customer Register");
    assert.equal(info.providerName, "Customer Register Project");
    assert.deepEqual(info.hosts, ["Workbook"]);
    assert.equal(info.defaultLocale, "en-US");
    assert.equal(info.defaultSettings?.sourceLocation, "https://localhost:3000/taskpane.html");
  });

  it("is read by the office-addin-manifest command line (`info`)", () => {
    const out = execFileSync(
      process.execPath,
      [require.resolve("office-addin-manifest/cli.js"), "info", "manifest.xml"],
      {
        encoding: "utf8",
        env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_OUT: "true" },
      },
    );
    assert.match(out, /200e132b-5ef3-41e7-a4db-b1a1bf7bfa42/);
    assert.match(out, /Customer Register/);
  });

  it("converts with Office's converter into a unified manifest that validates against its schema", async () => {
    const { errors, json } = await convertAndValidate("manifest.xml");
    assert.deepEqual(errors, []);
    assert.ok(!JSON.stringify(json).includes("TRUNCATED"), "the description fits the unified manifest");
    assert.equal(json.id, "200e132b-5ef3-41e7-a4db-b1a1bf7bfa42");
    assert.match(JSON.stringify(json), /taskpane\.html/);
  });

  it("names icons that exist in assets/ at the sizes the manifest says", () => {
    const xml = readFileSync("manifest.xml", "utf8");
    const urls = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)/g)];
    assert.ok(urls.length >= 5);
    for (const [, file, size] of urls) assert.deepEqual(pngSize(file!), [Number(size), Number(size)], file);
  });

  it("would be refused if it lost its id (so these checks can fail)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-manifest-"));
    try {
      const bad = join(dir, "manifest.xml");
      writeFileSync(
        bad,
        readFileSync("manifest.xml", "utf8").replace(/<Id>[^<]+<\/Id>/, "<Id>not-a-guid</Id>"),
      );
      const { errors } = await convertAndValidate(bad);
      assert.ok(errors.length > 0);
      assert.match(errors.join("\n"), /Parameter name: Manifest|\/id/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
