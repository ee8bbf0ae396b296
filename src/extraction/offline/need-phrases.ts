import { compilePatterns } from "./phrase-matcher.js";

// The phrases behind need readings, read by need.ts. They lean on lemmas and structure (a subject,
// an optional modal or adverb, a verb of wanting or seeking) so that new wordings still match;
// whether the object is about work the product touches is decided by `domainWords`.

const subjects = "we|i|team|company|business|office|practice|clinic|firm|agency|store|shop";
/** Obligations that are about improving the work ("we have to respond faster"), not errands ("I have to answer emails"). */
const improvementVerbs =
  "fix|stop|speed+up|cut|reduce|improve|automate|scale|replace|streamline|sort+out|get+better|get+faster|get+quicker|find+a|find+an|find+something|find+some|find+a+way|do+something|respond+faster|reply+faster|answer+faster|respond+quicker|reply+quicker";

/** The need itself follows the cue: "we need [to automate lead routing]". */
export const wantCues = compilePatterns([
  `${subjects} do|does|did|would|will|really|just|also|still|definitely|urgently|badly|desperately|absolutely|probably|certainly|seriously? not? really|just|definitely|also|still|actually|probably|eventually? need|needs|require|requires|want|wants`,
  `${subjects} be looking|searching|shopping|hunting|scouting|hoping around? for`,
  `${subjects} be looking|trying|hoping|aiming|planning|working|wanting to`,
  `${subjects} would|'d really|definitely|also|just|much|honestly? like|love|prefer to|a|an|something|some|one|more`,
  `${subjects} be after a|an|some|something|one|tools|software|better`,
  `${subjects} be in need of`,
  // "we'd like the bot to answer pricing questions": the wish is what the product should do.
  `${subjects} would|'d like|love the|a|an|our bot|chatbot|tool|assistant|widget|system|ai`,
  "we|i be a|an * looking|searching|hoping|trying|wanting to|for",
  `${subjects} be on the hunt|lookout for`,
  "want|wants|wanted|asked|asks|told|needs me|us to find|get|source|research|look+for|set+up|sort+out|shortlist",
  `${subjects} have|has|'ve+got|got to ${improvementVerbs}`,
  `${subjects} gotta|must|should ${improvementVerbs}`,
  "our|the|my goal|aim|objective|priority be",
  "our|the|my main|biggest|key|top|primary|number+one|real thing|goal|aim|objective|priority|requirement|ask|focus|need|use+case would|will|'d? be",
  `${subjects} be evaluating|comparing|reviewing|considering|exploring|researching|trialling|trialing|testing|vetting * tool|tools|platform|platforms|solution|solutions|vendor|vendors|options|software|chatbots|bots|ways|providers|assistant|assistants`,
  "in the market for",
  "use case would|will|'d? be",
  "help|helps us|me * qualify|sort|filter|route|book|capture|answer|respond|screen|triage|automate|handle|convert|follow|separate|prioritize|prioritise|respond",
  "use it|this|qualbot to|for",
  "need help with",
  "and need|needs|want|wants",
  "interested in",
  // The same wish in the other languages prospects write in.
  "wir|ich suchen|suche|brauchen|brauche|benötigen|benötige|wollen|möchten",
  "buscamos|busco|necesitamos|necesito|queremos|quiero",
  "estamos buscando|necesitando",
  "nous|je cherchons|cherche|voulons|veux",
  "nous|on|j' avons|a|ai besoin",
  "on cherche|veut",
]);

/** Being in the market says what it is about by itself: "so we're looking again", "back in the market". */
export const marketCues = compilePatterns([
  `${subjects} be back? in the market`,
  `${subjects} be back? looking|shopping again`,
  "back in the market",
]);

/** The same cues without a subject, where a clause starts: "Need a lead bot…", "…, need a filter". */
export const openingWantCues = compilePatterns([
  "need|needs|want|wanting|require|requiring",
  "looking|searching|shopping|hunting|scouting around? for",
  "looking|trying|hoping|aiming|planning to",
  "after a|an|something|some",
  "in need of",
  "would|'d like|love a|an|to|something|some|one",
  "evaluating|comparing|reviewing|considering|trialling|trialing|vetting * tool|tools|platform|platforms|solution|solutions|vendors|options|software|chatbots|bots|providers",
  "goal|aim|objective|priority|requirement|requirements|use+case|need|must-have|must-haves|must+have|must+haves|wishlist|wish+list :",
  "to automate|qualify|route|book|answer|capture|screen|triage|filter|prioritize|prioritise|speed+up|cut|reduce",
  "busco|buscamos|necesito|necesitamos|suchen|brauchen|cherche|cherchons",
]);

/** A sentence that points back at the need just described: "that's the main thing we're after". */
export const needBackReferences = compilePatterns([
  "thats|that's the|our|a|my main|only|one|key|big|biggest|real|top|number+one? thing|things|feature|requirement|need|must-have|priority|dealbreaker|deal-breaker we|i? be? after|need|want",
  "that|this|which be the|our|a|my main|only|one|key|big|biggest|real|top|number+one? thing|things|feature|requirement|need|must-have|priority|dealbreaker|deal-breaker we|i? be? after|need|want",
  "that|this|which be exactly|basically|really? what we|i need|want|be+after|be+looking+for",
  "that|this be a must-have|must+have|requirement|dealbreaker|deal-breaker",
  // "our conversion from chat is like 2%. we want to fix that": a wish about the pain just named.
  "we|i want|need|hope|would+like|'d+like|be+trying|be+looking|have|gotta|got to? fix|solve|sort|change|improve|address|tackle|stop|sort+out|get+rid+of that|this|it|those",
  "that|this be what|the+thing we|i want|need|be+trying|be+looking|be+hoping to fix|solve|sort|change|improve|address|tackle|stop",
  "that|this|which|thats|that's be? our|the|my biggest|main|real|number+one|top|only|big? headache|problem|issue|pain|challenge|bottleneck|struggle|priority|goal|pain-point",
]);

/** What follows "I need …" when it is a request to us or an errand, not a need: "I need to talk to sales". */
export const notNeeds = compilePatterns([
  "to talk|speak|chat|know|understand|learn|ask|hear|apply|leave|go|contact|reach|check|run|think|discuss|confirm|see|get+back|find+out|sign+up|step|grab|pop|jump|hop|head|read|wait|review|finish|complete|wrap+up|say|tell|mention|thank|share|let|point|flag|introduce",
  "to book|schedule|set+up|arrange a|an demo|call|meeting|chat",
  "to reschedule|move|cancel|postpone|push|rebook|change|shift the|our|my|a|this|that? demo|call|meeting|chat|appointment|session",
  "to get a|an|the|some|your price|pricing|quote|demo|call|refund",
  "to request|ask|get|find|secure|raise|justify|free+up * budget|funding|approval|money|sign-off|funds|approved",
  "a|an|the|some|your price|pricing|quote|demo|call|human|person|rep|salesperson|refund|job|break|coffee|minute|moment|second|sec|callback|lunch|invoice|receipt|login|password|link|address|number|contract|copy",
  "more info|information|details|time",
  "you|someone|somebody to",
  "to be+considered|be+hired|be+interviewed|join|intern",
  // Contests and trophies: "we want to win the regional sales award".
  "to win the|a|an|our|this|that|some ** award|awards|prize|trophy|cup|title|contest|competition|championship|tournament|game|match",
]);

/** The whole clause is the pain: "[our reps waste hours qualifying leads]". */
export const painCues = compilePatterns([
  "waste|wastes|wasting|lose|loses|losing|miss|misses|missing|drop|dropping|burn|burning",
  "spend|spends|spending hours|days|time|too|way|half|most|so|ages|forever",
  "struggle|struggles|struggling|drowning|overwhelmed|swamped|buried|stuck|slammed|flooded|inundated|overrun|crushed|hammered|snowed+under",
  "stretched thin",
  "overloaded|overworked|overstretched|maxed+out|at+capacity|underwater",
  "fall|falls|falling behind",
  "have trouble|difficulty",
  "have a hard|tough time",
  "pain|problem|issue|headache|bottleneck|mess|nightmare|challenge|struggle|pain-point|frustration|time-sink|killer|chaos|disaster",
  "too much|many|long|slow|late",
  "=is|=are|='s|='re way|too|so|really|painfully|super? slow|sluggish",
  "fall|falls|falling|slip|slips|slipping through the cracks",
  "slip|slips|slipping away",
  "go|goes|going cold",
  "frustrated|tired|sick|fed+up with|of",
  "manual|manually|by+hand",
  "takes|take|taking * forever|ages",
  "takes|take|taking * #number? days|hours|weeks * to",
  "inefficient|broken|unreliable|outdated|terrible|awful|clunky|horrible|painful|frustrating|messy|chaotic|useless|garbage|rubbish|junk",
  "complain|complains|complaining|complaints",
  "all over the place",
  "out of hand|control",
  "eat|eats|eating up|into",
  "than * can|could handle|manage|cope|keep|process|follow|answer|call",
  "pile|piles|piling|stack|stacks|stacking up",
  "sit|sits|sitting in|for|around|unanswered|untouched|idle|there",
  "unanswered|unmanned|unattended|untouched|unqualified|unrouted|ignored",
  "=ignores|=ignored|=ignoring most|half|many|them|a+lot|a+ton",
  "too slowly",
  "instead of selling|closing|prospecting|calling|talking",
  "until someone|somebody|anyone notices|gets+to|checks",
  "eating our lunch",
  "bounce|bounces|bouncing|leak|leaks|leaking|churn|churns before|at|from|out",
  "before anyone|someone|somebody|we reply|replies|answers|responds|gets+to",
  "=wait|=waits|=waiting * hours|days|weeks|ages|forever",
  "only #number|one|two|three|four|five|a+few|a+couple people|person|reps|sdrs|sdr|agents to answer|handle|respond|reply|cover|qualify|call|follow|work|manage|sort",
  "faster than we can hire|handle|keep|respond|answer|follow",
  "spend|spends|spending their|our|my|the|whole|entire * mornings|afternoons|evenings|days|weeks|week|day",
  "response|reply|turnaround|follow-up time|times ** #number day|days|hour|hours|week|weeks",
  "no-shows|no-show|tire-kickers|tyre-kickers|time-wasters|tire+kickers|phone+tag|ghosting|spam|fake",
  "give|gives|giving up|drop+off|abandon|abandons|abandoning",
]);

/** Pains that spell their own negation: "can't keep up", "nobody qualifies them". */
export const negativePainCues = compilePatterns([
  "can not|cannot keep up",
  "can not|cannot answer|handle|respond|reply|cope|manage|follow|process|qualify|reach|call|get+to|keep|cover|staff|man|track|deal|see|find|tell|get|contact|convert|close|book",
  "unable to answer|handle|respond|reply|cope|manage|follow|process|qualify|reach|call|keep|staff",
  "nobody|no+one|noone|hardly+anyone|almost+nobody|almost+no+one <VERB>",
  "nobody|no+one|noone|hardly+anyone|almost+nobody|almost+no+one qualifies|follows|answers|responds|handles|checks|calls|replies|owns|triages|fills|books|converts|reads",
  "no way to",
  "never get back|followed",
  "can not|cannot tell|distinguish|separate|filter|sort|prioritize|prioritise|route|spot",
  "no way of knowing|telling|seeing|tracking",
  "no|zero idea|clue|visibility|insight which|who|what|whether|when|how|if|into",
  "it|bot|widget|chat|tool|form|crm do not qualify|route|answer|score|filter|book|capture|sync",
  "none|few of it|them|those convert|converts|close|closes|reply|replies|book|books",
  "not enough people|staff|reps|hands",
]);

/** Words that soften a pain into interest: "it's getting a bit messy", "we sometimes lose track". */
export const hedges = new Set([
  "kinda",
  "somewhat",
  "sometimes",
  "occasionally",
  "slightly",
  "bit",
  "little",
  "sort",
  "kind",
]);

/** "…but it works", "it gets the job done": the prospect copes, so a pain is interest, not a need. */
export const mitigations = compilePatterns([
  "it|that|this|which|everything work|works|worked fine|ok|okay|well+enough|for+now|mostly|today",
  "it|that|this|which work|works but|for",
  "it|that|this|which|things|everything|inbox|form|process|spreadsheet|system|setup be fine|ok|okay|manageable|workable|bearable|good+enough|alright|survivable",
  "get|gets|getting the job done",
  "we|i|team manage|cope|survive ok|okay|fine|alright|somehow|with|for|though|but|,",
  "we|i|team get+by|make+do|muddle+through",
  "we|i|team be managing|coping|getting+by",
  "not the end of the world",
  "not a big deal",
]);

/** A pain said to be coming, not here: "it will turn into a headache once we open the second office". */
export const futureMarkers = new Set([
  "will",
  "'ll",
  "going",
  "gonna",
  "might",
  "may",
  "could",
  "eventually",
]);
/** A wish placed later ("eventually we'll want to automate some of this") is interest, not a need today. */
export const laterMarkers = new Set(["eventually", "someday", "sometime", "later", "one+day", "future"]);
/** "learn more about your pricing": curiosity about us, not about their own work. */
export const notInterest = compilePatterns([
  "learn|know|see|hear more about|on your|the pricing|price|prices|cost|costs|plans|company|team|founders",
]);
export const latentCues = compilePatterns([
  "curious what|about|how|to|if|whether",
  "just curious",
  "might|could|may be useful|helpful|interesting|handy|worth|nice|good",
  "interested in learning|hearing|knowing|seeing|finding",
  "learn|know|see more",
  "see what it|this|you do|does|can|offer",
  "see|seeing what be out there",
  "what's|whats out there",
  "heard about|of you|your",
  "came across",
  "exploring|explore options|possibilities|what",
  "looking around",
  "thinking about|of maybe",
  "keeping an eye",
  "keep an eye",
  "early days",
  "not sure yet",
  "not sure we|i need",
  "look at how|what",
  "see how other|others",
  "looking at * chat|chatbot|chatbots|tools|options|bot|bots",
  "looking|look into * tools|options|chatbots|bots|platforms|solutions|software|ways|vendors|providers",
  "we|i|team might|may|could probably? need|want|use|look|consider|revisit|try|explore|evaluate|switch|upgrade|add",
  "might|may|could push|force|make|lead us|me|the+team to? look|need|consider|switch|revisit",
  "interested in what|how",
  "not there yet",
  "be nice|good|great|handy|useful to have",
  "might|could|may be something|an+option worth|for",
  "not an? urgent|immediate|pressing|burning|top need|priority|issue",
  "for now the|our|it _? be ok|okay|fine|enough",
  "maybe|perhaps|possibly down the line|road",
  "at some point",
  "down the line|road",
  "in the future",
  "one day",
  "later on",
  "once|when we|the+team grow|grows|scale|scales|expand|expands|hire|get+bigger",
  "could|might|may maybe? help|come+in+handy",
  "could|might|may definitely? be better",
  "work|works|working fine|ok|okay|well? for now|the+moment",
]);

/** Latent cues that place the need in the future; with them a "we're fine for now" is interest, not "none". */
export const futureNeedCues = compilePatterns([
  "might|may|could push|force|make|lead us|me|the+team to? look|need|consider|switch|revisit",
  "we|i|team might|may|could probably? need|want|use|look|consider|revisit|try|explore|evaluate|switch|upgrade|add",
  "down the line|road",
  "at some point",
  "in the future",
  "one day",
  "later on",
  "once|when we|the+team grow|grows|scale|scales|expand|expands|hire|get+bigger",
]);

export const noneCues = compilePatterns([
  "no real|immediate|pressing|current|actual? need",
  "not need anything|it|this|that|one|any|lead|a|another",
  "not really need",
  "not think|believe we|i need|want",
  "not something|anything we|i need|want|require",
  "not looking for anything",
  "not looking right now",
  "not planning|going|intending to buy|purchase anything|something|now",
  "not looking to change|switch|replace|buy anything|vendors|tools|providers|it",
  "process|setup|set-up|system|tool|solution work|works great|well|perfectly|fine",
  "not have a|any need|use",
  "have|got no need|use",
  "no use for",
  "not really? a|the|good? fit|relevant|right for us|here",
  "happy|fine|good|ok|okay|satisfied|content with our|the|what|how * current|existing|setup|set-up|system|systems|tool|tools|process|processes|vendor|provider|solution|stack|crm|chatbot|bot|platform|software|have|things|way|we",
  "handle|handles|handling it|this|that perfectly|really|pretty? fine|well|ok|okay",
  "not interested",
  "nothing specific",
  "not in the market",
  "bookmarking",
  "not sure we have a problem|need|use",
  "already covered|sorted|solved|taken+care+of on|for? this|that|it|there|by",
  "already have|got|use a|an|our * solution|tool|system|vendor|provider|chatbot|bot|platform|setup|something",
  "does|do everything we|i need",
  "tool|setup|set-up|system|solution|platform|vendor|provider|bot|chatbot|crm cover|covers|handle|handles|do|does everything",
]);

/** "we're good" / "we're fine, thanks" — a whole answer, not "we're good at closing". */
export const contentCues = compilePatterns(["we|i be good|fine|ok|okay|set|sorted|covered|all+set"]);

/** Work a lead-qualification product touches (or business process in general). */
export const domainWords = new Set(
  `lead leads sales pipeline crm routing route routed qualification qualify qualifying qualified follow-up follow-ups followup
  meetings meeting booking bookings book inbound outbound prospects prospect prospecting reps rep sdr sdrs bdr bdrs ae aes
  conversion conversions convert response responses respond visitors website site chat chats chatbot customers customer support tickets
  scheduling schedule appointments appointment marketing salesforce hubspot pipedrive automate automating automation automated manual manually
  spreadsheet spreadsheets data entry reporting reports forecast forecasting onboarding enquiries enquiry inquiries inquiry requests request forms
  form emails email calls call deals revenue efficiency workflow workflows process processes productivity accounts clients contacts
  signups sign-ups trials mql mqls sql sqls scoring score triage handoff handoffs hand-off territory assignment calendar calendars
  bot assistant widget capture intake registrations demos demo
  conversations messages ai tool tools platform solution software system team hours time cost costs
  quota quotas opportunities opportunity funnel outreach cadence sequences nurture nurturing engagement response-time
  after-hours volume backlog queue speed faster quicker scale scaling grow growth hire hiring deal close closing
  jobs orders patients tenants bookings quotes quote applications applicants calls buyers buyer candidates
  inbox inboxes slack whatsapp messenger sms drift intercom tidio zendesk calendly livechat freshchat crisp mqls form-fills fills
  estimates estimate inquiries reminders reminder remind screen screening filter filtering sort sorting showings showing
  rfq rfqs rfp rfps consultations consultation discovery seats seat sso integration integrations integrate sync api upgrade
  traffic signup trial online web questions faq faqs answer answers answering reply replies replying receptionist phone phones
  voicemail staff staffing agents junk spam no-shows tire-kickers conversational qualifier qualifiers vendor vendors competitors
  lösung anfragen anfrage kunden termine herramienta consultas clientes citas outil demandes rendez-vous qualifier calificar
  qualifizieren vorqualifizieren webinar webinars attendees registrants`
    .split(/\s+/)
    .filter(Boolean),
);
