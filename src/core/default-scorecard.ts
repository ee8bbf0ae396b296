import defaultCard from "./default-scorecard.json" with { type: "json" };
import { Scorecard } from "./scorecard.js";

/** The built-in scorecard (DESIGN §2 default rule); `SCORECARD_PATH` replaces it. */
export const defaultScorecard: Scorecard = Scorecard.parse(defaultCard);
