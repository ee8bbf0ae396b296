import { describe, expect, it } from "vitest";
import { analyse } from "../../../src/extraction/offline/analysis.js";
import { findNumbers, numericValue } from "../../../src/extraction/offline/numbers.js";

const quantities = (text: string) =>
  findNumbers(analyse(text)).map(({ value, low }) => (low === undefined ? value : [low, value]));

describe("numbers", () => {
  it.each([
    ["45k", [45000]],
    ["2,000", [2000]],
    ["1.2m", [1200000]],
    ["100.000", [100000]],
    ["30 grand", [30000]],
    ["two hundred and fifty", [250]],
    ["twenty-five", [25]],
    ["a quarter million", [250000]],
    ["half a million", [500000]],
    ["one and a half million", [1500000]],
    ["a million and a half", [1500000]],
    ["three quarters of a million", [750000]],
    ["half a mil", [500000]],
    ["35'000", [35000]],
    ["1'250'000", [1250000]],
    ["a couple hundred thousand", [200000]],
    ["a dozen", [12]],
    ["50-60k", [[50000, 60000]]],
    ["between 40 and 50k", [[40000, 50000]]],
    ["$40k–$50k", [[40000, 50000]]],
    ["3 or 4", [[3, 4]]],
    ["250+", [250]],
    ["a few thousand", []],
    ["several hundred", []],
    ["dozens", []],
    ["a half", []],
  ] as const)("reads %j", (text, expected) => {
    expect(quantities(text)).toEqual(expected);
  });

  it.each([
    ["45,000.00", 45000],
    ["1.5", 1.5],
    ["1,5", 1.5],
    ["12", 12],
    ["abc", undefined],
  ] as const)("parses the digits %j", (text, expected) => {
    expect(numericValue(text)).toBe(expected);
  });
});
