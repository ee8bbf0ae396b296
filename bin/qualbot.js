#!/usr/bin/env node
// Runs the compiled CLI (npm run build, done by `npm install` and before `npm start`).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/qualbot.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("qualbot is not built yet: run `npm install` (or `npm run build`) first.\n");
  process.exit(1);
}
// A .env file in the working directory is read (it never overrides the real environment).
if (existsSync(".env")) process.loadEnvFile(".env");
const { runCli } = await import(entry.href);
const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  env: process.env,
});
process.exitCode = code;
