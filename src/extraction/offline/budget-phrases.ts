import { compilePatterns } from "./phrase-matcher.js";

// The phrases behind budget readings, read by budget.ts: what is said about the budget (none,
// exploring, allocated), the words that make a figure money, and money that is not a budget.

/** "No budget": these spell their own negation. */
export const nonePatterns = compilePatterns([
  "no|zero real|actual|dedicated|specific|set|formal|proper|spare|extra? budget|funding|funds|money|cash",
  "nothing|zero|nil|no+money to spend|invest|put|allocate|throw",
  "zero|nil|nada set+aside|allocated|budgeted|earmarked|reserved",
  "not in a position to spend|invest|buy|pay|commit|purchase",
  "spend|spending|budget|budgets|purchases|purchasing|purchase be on hold|paused|frozen",
  "budget|budgets|funding ** cut|slashed|axed|eliminated|pulled|scrapped|gone completely|entirely|altogether|totally",
  "budget|budgets|money be already? used+up|spent|gone|exhausted|maxed+out|blown",
  "budget|budgets|funding be|got|was|were|has+been|have+been pulled|axed|scrapped|killed|cancelled|canceled|eliminated|withdrawn",
  "not really? have|got a|any|the? budget|funding|funds|money|budgets",
  "budget|budgets be|got zero|nil|nothing|non-existent|nonexistent|0",
  "budget|budgets * cut|slashed|reduced to zero|nothing|0",
  "nothing budget|budgeted|allocated|earmarked",
  "not have|got anything|any|much|money budgeted|allocated|set+aside|earmarked|approved|reserved",
  "nothing set+aside|available|left|approved",
  "can not|cannot afford",
  "can not|cannot spend|pay|invest anything|a+thing|money|a+dime|a+penny|a+cent|one+cent|a+single",
  "no room in the|our budget",
  "budget|budgets|spend|spending be|got|are frozen",
  "freeze|froze|frozen * spend|spending|budget|budgets|purchases|purchasing",
  "budget|spending|spend freeze",
  "not budget|budgeted for",
  "there be no budget|money",
  "have to be|would+have+to+be free",
]);
// "no budget constraints", "budget is no issue": the opposite of having none.
export const notAShortage = new Set([
  "constraint",
  "constraints",
  "limit",
  "limits",
  "cap",
  "issue",
  "issues",
  "problem",
  "problems",
  "concern",
  "concerns",
  "ceiling",
  "object",
]);

export const exploringPatterns = compilePatterns([
  "not sure about|on|re|of the? budget|pricing|cost|costs|spend|money",
  "see|get|know pricing|prices|a+quote|costs|the+numbers|numbers before talking|discussing|setting|committing * budget|money|numbers",
  "be able to find|get|free+up|spare|scrape+together|justify|afford|spend|stretch|squeeze",
  "find|free+up|spare|scrape+together|squeeze|dig+up some|a|the? few|couple? hundred|thousand|grand|k|money|budget|funds|cash|dollars",
  "go|going to finance|procurement|accounting|accounts|the+cfo|our+cfo|the+board for|about it|this|that|budget|money|funds|approval",
  "ask|asking|check+with|run+it+by finance|procurement|accounting|the+cfo|our+cfo|my+cfo|the+board",
  "can|could|might|should|will|'ll probably? get some|it|one|budget|money|funding|this|that approved|signed+off|greenlit|sanctioned",
  "open to investing|spending|paying|budgeting",
  "justify|make+the+case+for the|this|that? cost|spend|expense|price|budget|investment",
  "figure|figuring|work|working out * budget|cost|costs|pricing|price|spend",
  "figure|figuring|work|working out what * cost|costs|spend",
  "figure|figuring|work|working it|that|this|something out",
  "get|getting a sense|idea|feel of|for * pricing|price|cost|costs|budget",
  "before we|i ask|request|apply|go for budget",
  "need|have to get|secure|request|find budget|funding|approval",
  "need|have to get it|that|this approved|signed+off|sign-off",
  "ask|asking|request|requesting for? budget|funding|approval",
  "ask|asking for it|that|one",
  "put in|forward a|for? budget? request",
  "budget request|requests",
  "waiting on|for budget|approval|sign-off",
  "budget approval be pending",
  "pending final? budget|approval|sign-off|sign+off",
  "budget be tbd|open|flexible|pending|undecided|unclear",
  // "the budget for this specific thing is still TBD": what it is for, then the verdict.
  "budget|budgets for|on ** be still|currently? tbd|undecided|unclear|pending",
  "budget be still? being discussed|decided|worked",
  "not set|defined|decided|allocated|finalized|finalised|figured|determined a|the|any|our? budget",
  "budget be not set|defined|decided|finalized|finalised|approved|confirmed|fixed * yet?",
  "depend|depends on * price|pricing|cost|roi|value|quote|margin",
  "depend|depends|depending on what you|it|this|that|they charge|charges|cost|costs|quote",
  "talk|speak|check|chat to|with finance|procurement|accounting|accounts|the+cfo|our+cfo|my+cfo",
  "could|can|might|would probably? find|free+up|scrape+together|dig+up some|it|the+money|budget|funds",
  "not have|got a number|figure|budget+figure yet",
  "willing|prepared|able|happy|ready|open to spend|pay|invest",
  "could|can|might|would probably? spend|pay|invest|stretch|afford|justify",
  "exploring|researching|comparing * pricing|prices|costs|budget",
  "rough|ballpark budget|figure|number",
  "budget * in mind",
]);
/**
 * Tentative wording that is about money only when the message is ("I'd have to build a business
 * case", "nothing's locked in", "I'd have to pitch it to the owner"): read only beside budget words
 * or an amount.
 */
export const exploringInMoneyTalk = compilePatterns([
  "build|make|put+together|write|prepare|present|do a|the business+case",
  "make|making the|a case to|for",
  "pitch|sell|present|propose|justify it|this|that to",
  "nothing|not be locked|fixed|final|finalised|finalized|set+in+stone|decided|confirmed|agreed",
  "nothing locked in",
  // "no budget yet, but I'm looking at prices": shopping around is a budget being worked out.
  "look|looking|shopping at|around|for prices|pricing|quotes|costs",
  "compare|comparing|get|getting prices|pricing|quotes",
]);
/** "money's tight, there's nothing for this right now": nothing, said where money is the topic. */
export const noneInMoneyTalk = compilePatterns([
  "there be nothing|zero for this|it|that|tools|software",
  // "tight, basically nothing right now" to "what's your budget like?"
  "basically|practically|pretty+much|next+to|almost|literally nothing|zero|zilch|nada",
]);
/** Ballpark wording that is about budget only when an amount stands beside it ("looking at ~20k"). */
export const exploringNearAmount = compilePatterns([
  "thinking|looking|expecting|targeting|aiming somewhere? around|about|at|for?",
  "could|can|might|would probably? do|go|manage|stretch|spend|pay|invest",
  "up to",
  "stay|keep|remain it|this|that? under|below|within",
  "hoping|hope|planning|budgeting|want|wanting|expect for? something|somewhere? around|about|at|for|like?",
  "in the range|region|ballpark|neighborhood|neighbourhood|area of",
  "somewhere around|between|in|near",
  "estimating|estimate|estimated|guessing|guesstimating|ballparking|reckoning|figuring maybe|probably|perhaps? somewhere? around|about|at|on|roughly?",
]);

/** A ceiling on a currency amount ("something under $10k", "no more than €500 a month") is a ballpark. */
export const ceilingWords = compilePatterns(["under|below|max|maximum|at+most|less+than|no+more+than|up+to"]);
/** What may follow a held amount that is money, not a count: "we have 10k for this year", "10k set aside". */
export const afterHeldMoney = new Set([
  "for",
  "set",
  "to",
  "in",
  "of",
  "available",
  "allocated",
  "approved",
  "left",
]);

export const moneyNouns =
  /^(k|m|mm|mil|mill|mio|grand|thousand|million|billion|bn|lakh|crore|half|quarter|hundred|dollars?|euros?|pounds?|bucks|usd|eur|gbp|month|months|mo|year|years|yr|annum|quarter|week|seat|user|time)$/;

/** Statements about the budget itself that it exists. */
export const allocatedPatterns = compilePatterns([
  "budget|budgets|funds|money|funding be|have|has|been|got? already|now|fully|officially|been? approved|allocated|secured|confirmed|committed|earmarked|ring-fenced|locked|sign-off|signed-off|sanctioned|reserved|set+aside|in+place|there|available|signed+off",
  "budget|budgets cover|covers|covered",
  "line item",
  "what we|i have|'ve? budgeted|allocated|approved|earmarked|reserved",
  "what be|'s been approved|allocated|sanctioned|budgeted|earmarked|reserved",
  "we|i have|'ve budgeted|allocated|earmarked|approved|reserved",
  "fully? funded",
  "approve|approved the|our|a|this? budget",
  "sign|signed off on? * budget",
  "come|comes|coming|paid|taken|take out of|from my|our|the _? budget",
  "budget|budgets|funds|money|funding|spend for|on * has|have|be been? already? approved|allocated|signed+off|secured|sanctioned|confirmed",
  "finance|cfo|board|leadership|management|boss|owner|ceo|procurement|purchasing|accounting|accounts|partners|directors|they|he|she have|has? already? approved|signed+off|okayed|greenlit|green-lit|authorized|authorised|sanctioned on? the|our|this|my? spend|spending|budget|purchase|money|funds|request|investment",
  "spend|spending|investment|purchase be|have|has been? already|now|fully|officially? approved|signed+off|sanctioned|greenlit|green-lit|okayed",
  "have|got|received|won|secured|awarded a|an|the|our? _? grant|grants",
  "finance|cfo|accounting|accounts|procurement approved|signed+off|okayed|greenlit it|this|that",
  "set+aside|put+aside|ring+fenced|ring-fenced|ringfenced|earmarked|reserved|allocated|budgeted|secured some|the|a|enough? money|budget|funds|cash|funding",
  "grant|grants|endowment cover|covers|covering|pay|pays|paying|fund|funds",
  "funded|funding|funds|money by|through|from|via a|an|the|our? _? grant|grants",
]);
/** Approval said of "it" ("it's already been approved"): about the budget only beside budget words or an amount. */
export const approvedPronoun = compilePatterns([
  "it|that|this|which be|have|has been? already? approved|signed+off|allocated|budgeted|earmarked|sanctioned|greenlit|green-lit|okayed",
]);
/** "budget isn't an issue", "money is no object": there is money, whatever the "not" says. */
export const moneyNoObstacle = compilePatterns([
  "budget|budgets|money|funding|funds be not|no an? issue|problem|concern|object|obstacle|constraint",
]);
/** "Our budget is 2,000 euros per month": a budget with an amount exists. */
export const budgetIsAmount = compilePatterns([
  "budget|budgets * be|of|:|=|is",
  // "nuestro presupuesto es de…", "notre budget est de…", "unser Budget beträgt…": the same statement.
  "nuestro|tenemos+un|tenemos+el presupuesto es|de|son",
  "notre|nous+avons+un budget est|de|:",
  "unser|wir+haben+ein budget ist|beträgt|liegt|von|:",
]);
/** "We have a budget": negated it means there is none ("we don't have a budget"). */
export const haveBudget = compilePatterns([
  "there be some|a? budget|money|funding|funds",
  // "we have the funds", "we've got enough money for this": the money for it exists.
  "we|i have|got the|enough funds|funding|money|cash",
  "we|i 've|have got the|enough funds|funding|money|cash",
  "have|got a|the|some|our? dedicated|small|modest|decent|healthy|limited|separate|specific|set|fixed|tight|reasonable|annual|monthly|marketing|sales|software|tooling? budget|budgets",
]);
/** Approval next to an amount ("finance signed off on 80k", "€40k/yr approved", "gave us 2.5k"). */
export const approvalWords = compilePatterns([
  "approve|approved|allocate|allocated|earmark|earmarked|sanctioned|reserved|budgeted|committed|secured|ring-fenced|green-lit|greenlit|sign-off|signed-off|eingeplant|freigegeben|genehmigt|bewilligt|aprobado|aprobados|asignado|prévu|prévus|approuvé|alloué|validé|validée|validés|validées|accordé|validado|validada|confirmado",
  "signed|sign off",
  "set|put aside",
  "go-ahead|greenlight|blessing|thumbs-up",
  "green light",
  "give|gave|given us|me",
]);
/** An approval still to come ("pending final sign-off") is not an approval. */
export const pendingWords = new Set([
  "pending",
  "awaiting",
  "need",
  "needs",
  "get",
  "getting",
  "until",
  "before",
  "once",
  "subject",
  "waiting",
  "ask",
  "request",
  "requires",
  "require",
]);
/** Owning an amount ("we have $50k", "there's $250/month for it"). */
export const holdingMoney = compilePatterns(["have|got|'ve", "there be"]);
/** Words that make a sentence about budget, so a bare "about 20k" in it is money. */
export const budgetWords = compilePatterns([
  "ceiling|budget-wise|budgetwise|money-wise|moneywise|cost-wise|price-wise|budget|budgets|budgeted|budgeting|spend|spending|pay|paying|invest|investing|afford|allocate|allocated|earmark|earmarked|cost|costs|price|pricing|ballpark|money|funds|approved|approve|sanctioned|reserved|presupuesto|gastar|set+aside",
]);
/** Money that is not a budget: revenue, fund-raising, salaries, deal sizes, someone else's price. */
export const otherMoney = compilePatterns([
  "revenue|revenues|arr|mrr|turnover|valuation|salary|salaries|raised|raise|round|series|quota|pipeline|profit|profits|acv|tcv|lost|saved|worth|grossed|generate|generated|charge|charges|acquired|loan|mortgage|rent|lunch|fine|fined",
  "in sales",
  // "we're an ecommerce brand doing ~$4M/yr": turnover, said with "doing".
  "=doing ~|about|around|roughly|over|under|almost|nearly|approx|approximately? #currency|#number",
  "deal|contract size|value",
  // A price read off a page or a quote: "the price on G2 says starting at $99", "we were quoted 15k".
  "=starting|=starts at|from",
  "=listed|=advertised|=quoted",
  "list|sticker|retail|advertised price",
  "price|pricing|page|site|website|banner|ad|g2|capterra * =says|=shows|=lists",
  "pay|paying|pays our|my|the|their sdrs|reps|staff|employees|people|team|engineers|developers|salespeople|aes|bdrs|agents|contractors|freelancers",
]);
/** A signing limit ("the CFO signs anything over $10k", "I can approve up to 5k"): the figure is no budget. */
export const signingLimits = compilePatterns([
  "=sign|=signs|=approve|=approves|sign+off|sign-off|signs+off|=authorize|=authorise|=authorizes|=authorises|=okay|=okays on? anything|everything|purchases|purchase|spend|spending|deals|contracts|things|stuff|expenses|invoices|orders? over|above|under|below|up+to|beyond|more+than|less+than|to",
  "authorised|authorized|allowed|able|permitted|cleared|empowered to approve|sign|spend|okay|authorise|authorize",
  "signing|approval|spending|purchasing|sign-off authority|limit|threshold|level|cap",
]);
/** "our budget for a chat tool is 500 a month": what the budget is for sits between it and the amount. */
export const budgetForIsAmount = compilePatterns(["budget|budgets for|on ** be|=is"]);
export const budgetNoun = compilePatterns(["budget|budgets|presupuesto"]);
/** "my trip budget", "the wedding budget": money for the prospect's private life, not for a purchase. */
const privateThings =
  "trip|travel|vacation|holiday|holidays|honeymoon|wedding|household|grocery|groceries|personal|family|christmas|gift|gifts|birthday|party|renovation|rent|food|shopping|clothing|lunch|lunches|dinner|coffee|snack|snacks|pizza|drinks|catering|team-building|swag|entertainment|bonus|pocket|fun|offsite|off-site";
export const privateBudgets = compilePatterns([
  `${privateThings} budget|budgets`,
  // "we approved the budget for the holiday party": what it is for, named after it.
  `budget|budgets for the|our|my|a|this|next? _? ${privateThings}`,
]);
export const forThis = compilePatterns(["for this|it|that|the+tool|a+tool|the+project|something+like+this"]);
export const vagueAmounts = compilePatterns(["a few|couple|several hundred|thousand|grand|k"]);
export const scaleWords = new Set([
  "k",
  "m",
  "mm",
  "mil",
  "mill",
  "mio",
  "mn",
  "grand",
  "million",
  "thousand",
  "lakh",
  "crore",
  "bn",
  "billion",
]);
