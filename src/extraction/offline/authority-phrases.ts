import { compilePatterns } from "./phrase-matcher.js";

// The phrases behind authority readings, read by authority.ts: deciding, shaping someone else's
// decision, and using without a say. Structure and lemmas ("need * approval from", "<someone>'s
// call") rather than whole sentences, so new wordings still match.

export const decisionMaker = compilePatterns([
  "i will|'ll|would|'d|can|get+to|do? make|take the|a|this|that|all|every|my? final|ultimate|last? buying|purchasing|purchase|software? decision|decisions",
  "i will|'ll|would|'d|can|get+to|do? make|take the|this|that|my final|ultimate|last? call",
  "i have|'ve|got|hold|possess * sign-off|signoff|signing|spending|budget|purchasing|final|approval authority|power|rights",
  "i be the|a? final|ultimate|main|only|sole? decision-maker|decision+maker|decider|budget+holder|budget+owner|buyer|approver|signatory",
  "i be the one|person|guy|lady|woman|man * decide|decides|deciding|sign|signs|signing|approve|approves|approving|make|makes|making|buy|buys|buying",
  "i will|would be the one * decide|deciding|sign|signing|approve|approving|make|making",
  "i sign off",
  "i sign-off|signoff|approve|decide|decides",
  "i can|will|would|do sign off",
  "i can|will|would|do sign-off|signoff|approve|decide",
  "i can|will|do sign the|a? contract|contracts|deal|po|order",
  "i will|'ll|would|'d|be? be signing|approving the|a|this? contract|deal|po|order|purchase|off",
  "i make|take all the|of+the decisions|calls",
  "i can|will|would|do not? sign off",
  "decision|decisions|call|choice|say|purchase|purchasing|sign-off|budget sit|sits|rest|rests|lie|lies|stay|stays with me",
  "buck stops with me|here",
  "come|comes|coming|paid|taken|take out of|from my budget|p&l|cost+center|cost+centre",
  "i hold|control|own the|our? purse strings",
  "i do|does|did|can|could? not? own|control|manage|hold|run * budget|budgets|purse|purchase|purchasing|decision",
  "i have|'ve+got|hold the|a? full|final|ultimate|last|budget|signing? say|authority|sign-off|word",
  "i have the final word",
  "it|that be|would|will be? my call|decision|choice|budget",
  "it|that be|would|will be? ultimately|really|totally|entirely? my call|decision|choice",
  "the|final|this|that? call|decision|budget|say be mine|ours",
  "up to me",
  "i be in charge of choosing|buying|selecting|picking|purchasing|the+purchase|the+decision|vendor+selection",
  // "budget's approved, I just need to pick the vendor": choosing among vendors is the decision.
  "i just|only? need|get|have to pick|choose|select the|a|which vendor|provider|supplier",
  "the|final|this|that? call|decision|say on|about * be mine",
  "i call the shots",
  "i be the boss",
  "c'est moi qui décide|decide",
]);
/** Deciding together with someone: "me and our CEO decide", "my co-founder and I will make the call". */
export const jointDecision = compilePatterns([
  // "the owner lets me decide on stuff like this": the decision is delegated to the speaker.
  "let|lets|allow|allows|leave|leaves|trust|trusts * me to? decide|choose|pick|make+the+call|sign+off|buy",
  "me|i and|& ** decide|decides|approve|approves|sign+off|sign-off|signs+off",
  "me|i and|& ** make|will+make|'ll+make the|a|this|that|all|every|final? _? call|decision|decisions",
  "and|& i|me ** decide|approve|sign+off|sign-off",
  "and|& i|me ** make|will+make|'ll+make the|a|this|that|all|every|final? _? _? call|decision|decisions",
]);
/** Who decides, when it is someone other than the speaker. */
const deciders =
  "boss|manager|cfo|ceo|cto|coo|cro|cmo|cno|md|gm|vp|director|head|leadership|board|founder|cofounder|co-founder|owner|owners|management|procurement|purchasing|finance|committee|partners|partner|executives|exec|execs|president|superior|supervisor|marketing|sales|it|legal|ops|operations|hr|they|he|she|hq|headquarters|corporate|principal|dean|chair";
/** What a boss sends someone to do about a purchase: look into it, shortlist, talk to vendors. */
const errands =
  "look|check|research|find|gather|collect|evaluate|review|vet|compare|shortlist|explore|investigate|scope|test|try|trial|pilot|grab|tell|reach|contact|get|book|source|see|figure|dig|pick|choose|select|recommend|ask|price|talk|speak|chat|schedule|set|sort";
/** Someone else signs: the speaker shapes the choice. These outweigh "I decide". */
export const influencerStrong = compilePatterns([
  "need|needs|require|requires|get|getting|have|seek|seeking|want * sign-off|signoff|approval|approvals|buy-in|blessing|ok|okay from|by",
  "need|needs|require|requires|get|getting * sign off from|by",
  "need|needs|require|requires|get|getting * green light from",
  "need|needs|require|requires my|our|the _ to approve|okay|ok|greenlight",
  "need|needs|require|requires my|our|the _ to sign off",
  `run it|this|that by|past my|our|the? ${deciders}`,
  `have|need|got to check|talk|discuss|consult|confer|clear * with my|our|the? ${deciders}`,
  // Present or future only: "finance approved 80k" is a budget, not who decides.
  `${deciders} ,? who|that? =decide|=decides|=deciding|=approve|=approves|=greenlight|=greenlights|=signs|=sign`,
  `${deciders} * =decide|=decides|=approve|=approves|=signs|=sign`,
  `${deciders} * =make|=makes|=has|=have|=holds|will+make|'ll+make|would+make the|a? final|last|ultimate? decision|say|call|sign-off|word`,
  `${deciders} * have|has|need|needs|must to? agree|approve|sign+off|okay|weigh+in|be+on+board`,
  `${deciders} * =handle|=handles|=does|=do|=run|=runs|=own|=owns purchasing|procurement|buying|the+buying|the+purchasing|the+budget`,
  "collecting|gathering|compiling|researching|pulling * so|for|before * can|could|will|'ll decide|vote|choose|pick",
  `final|the call|decision|say be my|our|the * 's|’s`,
  "go|goes|went with what i recommend|suggest|pick",
  "i will|would|'ll be? recommend|recommending|present|presenting|propose|proposing|pitch|pitching|champion|championing",
  "i will|would|'ll be? bring|bringing|take|taking|put|putting * to|forward",
  "put|putting it|this forward",
  "bring|bringing|take|taking|present|presenting a|the|my|our? shortlist|short-list|recommendation|options|proposal|findings to",
  "she|he|they * asked|told|wants|wanted me to look|check|research|find|gather|collect|evaluate|review|vet",
  "put|putting together a|the|some? recommendation|shortlist|short-list|options|proposal|business+case|case",
  "i make recommendations",
  "i make the recommendation",
  "make the case",
  "not my call|decision",
  "not up to me",
  // Only an errand about the purchase: "my manager wants me to learn SQL" is no evaluation.
  `my|our|the boss|manager|director|supervisor|vp|head|lead|ceo|cfo|coo|cto|cmo|owner|founder|md|gm|president * asked|told|wants|wanted|has+asked me to ${errands}`,
  `need|needs|require|requires|get|getting|have|seek|seeking|want * 's|’s approval|sign-off|signoff|blessing|buy-in|ok|okay|go-ahead|greenlight|say-so|signature|sign+off`,
  `decision|decisions|call be|will+be|gets|get|'ll+be made|taken by my|our|the _? ${deciders}`,
  `it|this|that|anything|everything|purchases|purchase have|has|needs|need|will|would|must to? go to|through|before|past the|my|our? _? ${deciders}`,
  `it|that be the|my|our _? ${deciders} 's|’s call|decision|choice|say|sign-off|budget`,
  `final|last signature|sign-off|say|decision|call|word be the|my|our _? ${deciders} 's|’s`,
  `approval|decision|sign-off|say|call|budget sit|sits|rest|rests|lie|lies|be|stay|stays with my|our|the _? ${deciders}`,
  "follow|follows|take|takes|trust|trusts my recommendation|recommendations|advice|lead|judgement|judgment",
  `have|has|need|needs|must|will|would|'ll|'d to? be|get approved|signed+off|okayed|cleared|vetted|greenlit by my|our|the _? ${deciders}`,
  `collecting|gathering|compiling|researching|getting|pulling+together|putting+together options|info|information|quotes|prices|pricing|proposals for my|the|our _? ${deciders}|team`,
  "just|only collecting|gathering|researching|looking|compiling|doing|pulling options|info|information|research|into * for",
]);
/**
 * Consulting someone unnamed ("I need to check with the team", "let me run it by a few people"):
 * about the purchase only when the sentence says so or it answers the bot's "who decides?".
 */
export const vagueConsultation = compilePatterns([
  "have|need|got|going to check|talk|discuss|consult|confer|clear|sync * with",

  "run it|this|that by|past",
  "let me|i will|i'll|'ll ask around",
]);
export const purchaseDecisionWords = compilePatterns([
  "buy|buying|purchase|purchases|purchasing|decide|deciding|decision|decisions|sign|signing|sign-off|approve|approval|budget|commit|committing|contract|go-ahead|vendor|choose|choosing|pick|picking",
  "go ahead|forward",
]);

/** "the final decision is mine but I loop in our CFO": consulting someone, which a stated decision outranks. */
export const loopingIn = compilePatterns([
  `loop|looping|bring|bringing|pull|pulling in my|our|the _? ${deciders}`,
]);

/** Shaping the choice, when the speaker is the one doing it: "I'd have to pitch it to my boss". */
export const influencerBySpeaker = compilePatterns([
  `help|helping|assist|assisting|support|supporting my|our|the _? ${deciders} pick|choose|select|decide|evaluate|find|shortlist|compare`,
  `convince|persuade|win+over|sell|pitch my|our|the _? ${deciders}`,
  `justify|justifying * to my|our|the _? ${deciders}`,
  `pitch|present|sell|propose|take|bring|run it|this|that|them to|past my|our|the _? ${deciders}`,
  `business+case|case|recommendation|proposal|shortlist|short-list for|to my|our|the _? ${deciders}`,
  "my role|job|task|responsibility|remit|brief be to research|evaluate|shortlist|recommend|find|compare|vet|review|gather|collect|look|scout|assess",
  "be the one recommending|presenting|shortlisting|evaluating|researching|vetting|comparing|proposing",
  "make|making|give|giving|write|writing|draft|drafting|prepare|preparing up? a|the|my|our final? recommendation|recommendations|shortlist|short-list",
]);
/** Involvement without a veto: weaker than a firm "I decide" ("my co-founder and I decide together"). */
export const influencerWeak = compilePatterns([
  "i be part|involved|included of|in the? decision|decision-making|buying|purchase|purchasing|process|evaluation",
  "i be on the|an? evaluation|buying|selection|steering committee|team|group|panel",
  "i be on|in the|a|an committee|panel|working+group|task+force|taskforce|working-group",
  "part of the|a|an evaluation|buying|selection|steering|working|project|review committee|team|group|panel",
  "part of the|a|an committee|panel|working+group|task+force|taskforce",
  "decide|decision together|jointly|as",
  "joint|group|team|committee decision",
  "i have input|influence",
  "i have a say",
  "i be evaluating|researching|comparing|shortlisting",
  "i be leading|running|heading|driving|coordinating the|this evaluation|search|process|project",
  "i be leading|running|heading|driving|coordinating this|it",
  "i will|'ll run|lead the|this evaluation|search|process",
]);
/** Will use it, has no say. */
export const userPatterns = compilePatterns([
  "i would|'d|will|'ll just|only? be using|use it|this|whatever",
  "i would|'d|will|'ll just? be the|one * using|implementing|running|working",
  "i would|'d|will|'ll be one of the * using|users",
  "i be one of the agents|users|reps|people|staff|operators who|that",
  "i be just|only? one of the _? agents|users|reps|people|staff|operators|sdrs|bdrs",
  "i would|'d|will|'ll? be just|only? a|an|the? end? user|users",
  "i be just? going+to|gonna be? using|use it|this|the+tool",
  "no|zero influence|say|input|vote|voice on|over|in",
  "no|zero decision|decision-making|purchasing|buying|spending power|authority|rights",
  "just use|using whatever|what|it|them",
  // "marketing picks the vendor, we just integrate whatever they choose"
  "just integrate|integrate|implement|deploy|install|support|maintain|run whatever|what they|whatever",
  "above my pay grade",
  "i just work|use",
  "not involved in|with the? decision|purchase|buying|budget",
  "no say",
  "not have a|any say",
  "not get|have a|any say|vote|voice|input",
  "have|has nothing to do with purchasing|buying|the+decision|procurement|the+budget|that+decision|the+purchase|choosing|picking",
  "get|got|be chosen|picked|selected|decided|bought|purchased for us|me",
  "get|be|are told|given what|which to use|buy|get",
]);
/** Said of purchasing only ("buying decisions are way above my head"), these mean no say. */
export const userInPurchaseTalk = compilePatterns([
  "way|far? above|over|beyond my head|level",
  "way|far? above|over|beyond me",
  "decisions|decision be made|taken at|in hq|headquarters|head+office|corporate|group+level|the+top",
]);
export const thirdPartyAnswers = compilePatterns([`my|our|the ${deciders}|team`, "a committee|group"]);
/** "me and our CEO", "me and my co-founder": one of the deciders. */
export const meAnswers = compilePatterns([
  "me|myself|mine",
  "that be me",
  "that would be me",
  "me and|&",
  "both of us",
]);
export const shortMeAnswers = compilePatterns(["i do|will|would|decide"]);
/**
 * Answers to "who decides?" that name the speaker past the first words: "I'm the owner so yeah, me",
 * "I'm the founder so I do", "I do, along with our head of sales", "my business partner and I".
 */
export const selfNamedAnswers = compilePatterns([
  "so|yeah|yes|yep|,|basically|probably|that's|thats me",
  "so|yeah|yes|yep|,|basically|probably i do|will|decide",
  "i do|will ,? along|together with",
  "and|& i|me",
  "and|& myself",
]);
/** "I'm the owner" said to "who decides?": the speaker names their own role as the decider. */
export const selfAsDecider = compilePatterns([
  "i be the|a|an _? owner|founder|cofounder|co-founder|ceo|president|boss|principal|proprietor",
]);
/** Bot questions that ask who decides (not "what's your role?"). */
export const whoDecidesQuestion =
  /\b(who|whose)\b.*\b(decid|decision|sign|approv|call|say|buy|purchas)|\bdecision[- ]?maker\b/i;
/** Bot questions a plain "yes" answers with "it's my call". */
export const ownsDecisionQuestion =
  /\b(your call|your decision|you decide|you the (one|decision)|sign off yourself|you sign)\b/i;
