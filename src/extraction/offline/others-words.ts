// Parts of a prospect's message that are not the prospect stating their own purchase facts: code and
// filler text, a forwarded email ("Fwd: 40% off annual plans until Dec 31"), their previous employer ("at my last
// company we had a 50k budget"), a riddle and its punchline, a sarcastic aside ("yeah right, and my
// budget is a billion dollars"). Those spans are blanked before reading, so no field can take a value
// from them; the rest of the message ("here I've got 20k approved") is read as usual.
//
// Blanking keeps every offset (line breaks stay, other characters become spaces), so a quote taken
// from what is left is still a verbatim slice of the prospect's text.

interface Span {
  start: number;
  end: number;
}

/** "Fwd: …" / "FW: …" up to the first blank line; "> …" quoted reply lines. */
const forwardedHeader = /^[ \t]*(?:fwd?|fw)[ \t]*:/gim;
const quotedLine = /^[ \t]*>.*$/gm;
/** A previous employer or job: what happened there is not this purchase. */
const previousEmployer =
  /\b(?:(?:at|in|with|for) my (?:last|previous|prior|old|former) (?:company|job|employer|role|position|gig|workplace|firm|startup|org|organi[sz]ation)|when i (?:was|worked) (?:at|with|for)|back when i was)\b/gi;
/** A riddle's question: its punchline follows and neither is about the prospect. */
const riddle =
  /\b(?:why did the|why do(?:es)? (?:a|the)|what do you call (?:a|an|the)|how many [^?]{1,40} does it take)\b[^?!.\n]{0,120}\?/gi;
/** Sarcasm announced by the prospect: "yeah right, …", a sentence opening with "as if". */
const sarcasm =
  /\b(?:yeah|yea|ya) right\b(?!\s+(?:now|away|there|here|after|before|then))|(?:^|[.!?]\s+)as if\b/gi;
/** Where a sarcastic or joking aside stops: the end of its sentence, a rimshot or a retraction. */
const asideEnd = /[.!?\n;]|🥁|\b(?:anyway|anyways|jk|kidding|seriously|but)\b/i;
/** Where the previous-employer part stops: a new sentence or a turn back to now ("…; here I've got…"). */
const pastEnd = /[.!?\n;]|\b(?:but|here|now|nowadays|today|currently|these days)\b/i;

function sentenceStartBefore(text: string, index: number): number {
  let cursor = index;
  while (cursor > 0 && !/[.!?\n;]/.test(text[cursor - 1]!)) cursor--;
  return cursor;
}

function endFrom(text: string, from: number, end: RegExp): number {
  const rest = text.slice(from);
  const found = end.exec(rest);
  if (!found) return text.length;
  // A rimshot belongs to the joke; a retraction ("jk") ends the aside but stays readable.
  const isRimshot = found[0] === "🥁";
  return from + found.index + (isRimshot ? found[0].length : 0);
}

function forwardedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const header of text.matchAll(forwardedHeader)) {
    const blankLine = /\n[ \t]*\n/.exec(text.slice(header.index));
    spans.push({ start: header.index, end: blankLine ? header.index + blankLine.index : text.length });
  }
  for (const line of text.matchAll(quotedLine))
    spans.push({ start: line.index, end: line.index + line[0].length });
  return spans;
}

function previousEmployerSpans(text: string): Span[] {
  return [...text.matchAll(previousEmployer)].map((marker) => ({
    start: sentenceStartBefore(text, marker.index),
    end: endFrom(text, marker.index + marker[0].length, pastEnd),
  }));
}

/** A rimshot or a laugh after the punchline is what tells a joke from a real question. */
const laughter = /🥁|😂|🤣|😆|😅|\b(?:lol|lmao|haha\w*|ba ?dum\w*)\b/i;

function riddleSpans(text: string): Span[] {
  return [...text.matchAll(riddle)].flatMap((question) => {
    const questionEnd = question.index + question[0].length;
    const punchlineEnd = endFrom(text, questionEnd, asideEnd);
    // Without a laugh it is a real question ("why did the bot ask for my email?"): left as it is.
    const laughed = laughter.test(text.slice(questionEnd, punchlineEnd + 12));
    return laughed ? [{ start: question.index, end: punchlineEnd }] : [];
  });
}

function sarcasmSpans(text: string): Span[] {
  return [...text.matchAll(sarcasm)].map((marker) => ({
    start: marker.index,
    end: endFrom(text, marker.index + marker[0].length, asideEnd),
  }));
}

/** "print('budget approved')", "qualify({ budget: 50000 })": a line with a call on a literal is code. */
const codeCall = /(^|[\s=(])[A-Za-z_$][\w$.]*\((?:\s*['"`{[]|\s*\))/;
/** Filler text ("lorem ipsum dolor sit amet, budget 50k…") is a template, not a statement. */
const placeholderText = /\blorem ipsum\b/i;

/** "curl -X POST …", "git clone …", "pip install …": a shell command line. */
const shellCommand =
  /^\s*(?:\$\s*)?(?:curl|wget|npm|npx|yarn|pnpm|git|docker|kubectl|pip|pip3|python|python3|node|ls|cd|ssh|sudo|brew|apt|apt-get|ping|tail|cat|grep|make)\s+\S/;
/** `{"status":"pending", …}`: a JSON object in the text is a pasted payload. */
const jsonObject = /\{\s*"[\w.-]+"\s*:[^{}]*\}/g;

function codeSpans(text: string): Span[] {
  if (placeholderText.test(text)) return [{ start: 0, end: text.length }];
  const spans: Span[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    if (codeCall.test(line[0]) || shellCommand.test(line[0]))
      spans.push({ start: line.index, end: line.index + line[0].length });
  }
  for (const payload of text.matchAll(jsonObject))
    spans.push({ start: payload.index, end: payload.index + payload[0].length });
  return spans;
}

/** The message with everything that is not the prospect's own statement blanked out (same length). */
export function blankOthersWords(text: string): string {
  const spans = [
    ...forwardedSpans(text),
    ...previousEmployerSpans(text),
    ...riddleSpans(text),
    ...sarcasmSpans(text),
    ...codeSpans(text),
  ];
  if (spans.length === 0) return text;
  const characters = text.split("");
  for (const span of spans) {
    for (let index = span.start; index < span.end; index++) {
      if (characters[index] !== "\n") characters[index] = " ";
    }
  }
  return characters.join("");
}
